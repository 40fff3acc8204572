package org.gpupoor.arena.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.gpupoor.arena.battle.ArenaUnavailableException;
import org.gpupoor.arena.battle.BattleNotFoundException;
import org.gpupoor.arena.battle.InvalidPromptException;
import org.gpupoor.arena.battle.NotVotableException;
import org.gpupoor.arena.battle.VoteCapException;
import org.gpupoor.arena.leaderboard.BoardsUnavailableException;
import org.gpupoor.arena.suggestion.InvalidSuggestionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One error shape under /api, {@code {"error", "message"}}, whatever went wrong. */
public final class ErrorHandling {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {}

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            if (e instanceof RateLimitedException limited) {
                ctx.header("Retry-After", String.valueOf(limited.retryAfter().toSeconds()));
            }
            respond(ctx, e.status(), e.code(), e.getMessage());
        });
        // The domain's refusals, each to its status: the one place that knows both.
        config.routes.exception(
                BattleNotFoundException.class, (e, ctx) -> respond(ctx, 404, "not_found", e.getMessage()));
        config.routes.exception(
                InvalidPromptException.class, (e, ctx) -> respond(ctx, 400, "bad_request", e.getMessage()));
        config.routes.exception(
                InvalidSuggestionException.class, (e, ctx) -> respond(ctx, 400, "bad_request", e.getMessage()));
        config.routes.exception(NotVotableException.class, (e, ctx) -> respond(ctx, 409, e.code(), e.getMessage()));
        config.routes.exception(
                ArenaUnavailableException.class, (e, ctx) -> respond(ctx, 503, e.code(), e.getMessage()));
        config.routes.exception(BoardsUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            respond(ctx, 503, e.code(), e.getMessage());
        });
        config.routes.exception(VoteCapException.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
            respond(ctx, 429, "vote_cap", e.getMessage());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            respond(ctx, status, codeFor(status), messageFor(status, ctx));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal_error", "Something went wrong on the server; the details are in its log.");
        });
    }

    private static void respond(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new Bodies.Error(code, message));
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> "http_" + status;
        };
    }

    private static String messageFor(int status, Context ctx) {
        return switch (status) {
            case 404 -> "There is nothing at " + ctx.method() + " " + ctx.path().replaceAll("\\p{Cntrl}", "?") + ".";
            case 405 -> "This address does not take " + ctx.method() + ".";
            case 413 -> "The request body is too large.";
            default -> "The request could not be served.";
        };
    }
}
