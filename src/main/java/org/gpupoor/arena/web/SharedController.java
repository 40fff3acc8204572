package org.gpupoor.arena.web;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.share.SharedBattle;
import org.gpupoor.arena.share.SharedBattles;

/** HTTP for shared battles: the read-only page ({@code /shared/{publicId}}) and its JSON. */
public final class SharedController {
    // A Host header is the client's to write: only a plain name or address with a port goes into the page.
    private static final Pattern HOST =
            Pattern.compile("([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");

    private final SharedBattles shared;
    private final LiveConfig config;

    public SharedController(SharedBattles shared, LiveConfig config) {
        this.shared = shared;
        this.config = config;
    }

    public void json(Context ctx) {
        ctx.json(
                shared.find(ctx.pathParam("publicId"))
                        .orElseThrow(
                                () -> ApiException.notFound(
                                        "No battle is shared under this id: the link may be wrong, or the battle is no longer shown.")));
    }

    /** A link that leads nowhere gets a page a person can read, with the 404 a preview bot needs. */
    public void page(Context ctx) {
        Optional<SharedBattle> battle = shared.find(ctx.pathParam("publicId"));
        String arena = config.current().name();
        ctx.contentType("text/html; charset=utf-8");
        if (battle.isEmpty()) {
            ctx.status(404).result(SharedPage.missing(arena));
            return;
        }
        ctx.result(SharedPage.of(
                battle.get(), arena, pageUrl(ctx, "/shared/" + battle.get().id())));
    }

    /**
     * The page's own address for og:url, from the Host header and the scheme as ClientAddress
     * reads it (a trusted proxy's X-Forwarded-Proto or Forwarded proto); none for a Host that is
     * not a plain host name.
     */
    private static Optional<String> pageUrl(Context ctx, String path) {
        String host = ctx.host();
        if (host == null || !HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of(ctx.scheme() + "://" + host + path);
    }
}
