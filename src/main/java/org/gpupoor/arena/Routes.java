package org.gpupoor.arena;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.web.AdminController;
import org.gpupoor.arena.web.ApiDocument;
import org.gpupoor.arena.web.ArenaController;
import org.gpupoor.arena.web.BattleController;
import org.gpupoor.arena.web.ClientAddress;
import org.gpupoor.arena.web.ExportController;
import org.gpupoor.arena.web.RateLimiter;
import org.gpupoor.arena.web.RequestLog;
import org.gpupoor.arena.web.SecurityHeaders;
import org.gpupoor.arena.web.VoterAdmin;

/** Every route of the arena in one table (openapi.yaml describes each; ApiDocumentTest checks that). */
final class Routes {
    /** What the routes hand requests to. */
    record Handlers(ArenaController arena, BattleController battles, ExportController export, AdminController admin,
                    VoterAdmin voters, ArenaMetrics metrics, RateLimiter battleLimit, RateLimiter voteLimit) {
    }

    private Routes() {
    }

    static void install(JavalinConfig c, Handlers h) {
        c.routes.before(SecurityHeaders::apply);
        c.requestLogger.http(new RequestLog(h.metrics())::record);
        c.routes.before("/api/battles", ctx -> limit(ctx, "POST", h.battleLimit(), "new battles"));
        c.routes.before("/api/battles/{id}/vote", ctx -> limit(ctx, "POST", h.voteLimit(), "votes"));
        c.routes.get("/api/health", h.arena()::health);
        c.routes.get("/api/arena", h.arena()::arena);
        c.routes.get("/api/models", h.arena()::models);
        c.routes.get("/api/prompts/random", h.arena()::randomPrompt);
        c.routes.get("/api/leaderboard", h.arena()::mainBoard);
        c.routes.get("/api/leaderboard/elo", h.arena()::eloBoard);
        c.routes.get("/api/leaderboard/bt", h.arena()::strengthBoard);
        c.routes.get("/api/leaderboard/matrix", h.arena()::strengthMatrix);
        c.routes.get("/api/leaderboard/elo/history", h.arena()::eloHistory);
        c.routes.get("/api/leaderboard/head-to-head", h.arena()::headToHead);
        c.routes.get("/api/battles/export", h.export()::export);
        c.routes.post("/api/battles", h.battles()::create);
        c.routes.get("/api/battles/{id}", h.battles()::show);
        c.routes.get("/api/battles/{id}/events", h.battles()::events);
        c.routes.post("/api/battles/{id}/vote", h.battles()::vote);
        c.routes.before("/api/admin/*", h.admin()::authorize);
        c.routes.get("/api/admin/config", h.admin()::showConfig);
        c.routes.post("/api/admin/config/reload", h.admin()::reloadConfig);
        c.routes.get("/api/admin/backup", h.admin()::backup);
        c.routes.post("/api/admin/battles/{id}/void", h.admin()::voidBattle);
        c.routes.post("/api/admin/models/{tag}/hide", h.admin()::hideModel);
        c.routes.post("/api/admin/models/{tag}/show", h.admin()::showModel);
        c.routes.get("/api/admin/voters", h.voters()::flagged);
        c.routes.post("/api/admin/voters/{voter}/void", h.voters()::voidVotes);
        c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(h.metrics().scrape()));
        c.routes.get("/api/openapi.yaml", ApiDocument::serve);
        c.routes.get("/api/docs", Routes::toDocsPage);
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
