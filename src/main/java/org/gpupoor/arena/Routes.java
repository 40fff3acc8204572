package org.gpupoor.arena;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.web.AdminController;
import org.gpupoor.arena.web.ApiDocument;
import org.gpupoor.arena.web.ArenaController;
import org.gpupoor.arena.web.BattleController;
import org.gpupoor.arena.web.BoardController;
import org.gpupoor.arena.web.ClientAddress;
import org.gpupoor.arena.web.ExportController;
import org.gpupoor.arena.web.RateLimiter;
import org.gpupoor.arena.web.RequestLog;
import org.gpupoor.arena.web.SecurityHeaders;
import org.gpupoor.arena.web.SharedController;
import org.gpupoor.arena.web.StatsController;
import org.gpupoor.arena.web.SuggestionController;
import org.gpupoor.arena.web.VoterAdmin;

/** Every route of the arena in one table (openapi.yaml describes each; ApiDocumentTest checks that). */
final class Routes {
    /** What the routes hand requests to. */
    record Handlers(
            ArenaController arena,
            BoardController boards,
            StatsController stats,
            BattleController battles,
            ExportController export,
            AdminController admin,
            VoterAdmin voters,
            SharedController shared,
            ArenaMetrics metrics,
            RateLimiter battleLimit,
            RateLimiter voteLimit,
            SuggestionController suggestions,
            RateLimiter suggestionLimit) {}

    private Routes() {}

    /** Registers every route; returns them as "GET /api/leaderboard", what the API document must describe. */
    static List<String> install(JavalinConfig c, Handlers h) {
        Table table = new Table(c);
        c.routes.before(SecurityHeaders::apply);
        c.requestLogger.http(new RequestLog(h.metrics())::record);
        c.routes.before("/api/battles", ctx -> limit(ctx, "POST", h.battleLimit(), "new battles"));
        c.routes.before("/api/battles/{id}/vote", ctx -> limit(ctx, "POST", h.voteLimit(), "votes"));
        c.routes.before("/api/battles/{id}/new-pair", ctx -> limit(ctx, "POST", h.battleLimit(), "new battles"));
        // A follow-up costs both models an answer, as a new battle does.
        c.routes.before("/api/battles/{id}/turns", ctx -> limit(ctx, "POST", h.battleLimit(), "new battles"));
        c.routes.before("/api/suggestions", ctx -> limit(ctx, "POST", h.suggestionLimit(), "model suggestions"));
        table.get("/api/health", h.arena()::health);
        table.get("/api/arena", h.arena()::arena);
        table.get("/api/models", h.arena()::models);
        table.get("/api/models/card", h.arena()::modelCard);
        table.get("/api/prompts/random", h.arena()::randomPrompt);
        table.get("/api/leaderboard", h.boards()::mainBoard);
        table.get("/api/leaderboard/elo", h.boards()::eloBoard);
        table.get("/api/leaderboard/bt", h.boards()::strengthBoard);
        table.get("/api/categories", h.boards()::categories);
        table.get("/api/stats", h.stats()::stats);
        table.get("/api/leaderboard/matrix", h.boards()::strengthMatrix);
        table.get("/api/leaderboard/elo/history", h.boards()::eloHistory);
        table.get("/api/leaderboard/head-to-head", h.boards()::headToHead);
        table.get("/api/battles/export", h.export()::export);
        table.post("/api/battles", h.battles()::create);
        table.get("/api/battles/{id}", h.battles()::show);
        table.get("/api/battles/{id}/events", h.battles()::events);
        table.post("/api/battles/{id}/vote", h.battles()::vote);
        table.post("/api/battles/{id}/new-pair", h.battles()::newPair);
        table.post("/api/battles/{id}/turns", h.battles()::followUp);
        table.get("/api/shared/{publicId}", h.shared()::json);
        table.get("/shared/{publicId}", h.shared()::page);
        table.get("/api/suggestions", h.suggestions()::mostSuggested);
        table.post("/api/suggestions", h.suggestions()::suggest);
        c.routes.before("/api/admin/*", h.admin()::authorize);
        table.get("/api/admin/config", h.admin()::showConfig);
        table.post("/api/admin/config/reload", h.admin()::reloadConfig);
        table.get("/api/admin/backup", h.admin()::backup);
        table.post("/api/admin/battles/{id}/void", h.admin()::voidBattle);
        table.post("/api/admin/models/{tag}/hide", h.admin()::hideModel);
        table.post("/api/admin/models/{tag}/show", h.admin()::showModel);
        table.get("/api/admin/voters", h.voters()::flagged);
        table.post("/api/admin/voters/{voter}/void", h.voters()::voidVotes);
        table.get("/api/admin/suggestions", h.suggestions()::review);
        table.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(h.metrics().scrape()));
        table.get("/api/openapi.yaml", ApiDocument::serve);
        table.get("/api/docs", Routes::toDocsPage);
        return table.routes();
    }

    /** Javalin's routes plus the list of them, so nothing needs to read Javalin's internal router. */
    private static final class Table {
        private final JavalinConfig config;
        private final List<String> routes = new ArrayList<>();

        Table(JavalinConfig config) {
            this.config = config;
        }

        void get(String path, Handler handler) {
            config.routes.get(path, handler);
            routes.add("GET " + path);
        }

        void post(String path, Handler handler) {
            config.routes.post(path, handler);
            routes.add("POST " + path);
        }

        List<String> routes() {
            return routes.stream().sorted().toList();
        }
    }

    /** A bare 302: Javalin's redirect would add a "Redirected" text body that the API document does not describe. */
    private static void toDocsPage(Context ctx) {
        ctx.status(302).header("Location", "/api-docs.html");
    }

    private static void limit(Context ctx, String method, RateLimiter limiter, String what) {
        if (ctx.method().name().equals(method)) {
            limiter.acquire(ClientAddress.allowanceKey(ctx.ip()), what);
        }
    }
}
