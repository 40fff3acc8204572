package org.gpupoor.arena.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.time.Duration;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per API request (logger {@code arena.requests}) and its latency in the
 * metrics. Writes and failures are logged at INFO, successful reads at DEBUG (a crowd reading
 * boards would drown everything else). Lines carry the battle id, never a prompt or an answer.
 */
public final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger("arena.requests");

    private final ArenaMetrics metrics;

    public RequestLog(ArenaMetrics metrics) {
        this.metrics = metrics;
    }

    public void record(Context ctx, Float millis) {
        String route = route(ctx);
        int status = ctx.statusCode();
        metrics.httpRequest(ctx.method().name(), route, status, Duration.ofNanos((long) (millis * 1_000_000)));
        if (!route.startsWith("/api/")) {
            return;
        }
        boolean read = ctx.method().name().equals("GET") && status < 400;
        if (read ? log.isDebugEnabled() : log.isInfoEnabled()) {
            String battle = battleId(ctx);
            String line = String.format(
                    java.util.Locale.ROOT,
                    "method=%s route=%s status=%d ms=%.1f client=%s%s",
                    ctx.method().name(),
                    route,
                    status,
                    millis,
                    ctx.ip(),
                    battle == null ? "" : " battle=" + battle);
            if (read) {
                log.debug(line);
            } else {
                log.info(line);
            }
        }
    }

    /** From the path, or for a new battle from its Location header. */
    private static String battleId(Context ctx) {
        String id = ctx.pathParamMap().get("id");
        String location = ctx.res().getHeader("Location");
        if (id == null && location != null && location.startsWith("/api/battles/")) {
            id = location.substring("/api/battles/".length());
        }
        return id;
    }

    /** The route's pattern ("/api/battles/{id}"), so labels stay few; static files and misses are grouped. */
    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            if (endpoint != null) {
                return endpoint.path;
            }
        } catch (RuntimeException e) {
            // no route matched: a static file or a 404
        }
        return ctx.statusCode() == 404 ? "unmatched" : "static";
    }
}
