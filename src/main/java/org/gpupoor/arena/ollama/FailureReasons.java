package org.gpupoor.arena.ollama;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.regex.Pattern;

/**
 * Turns what went wrong into a sentence a voter can read. Ollama's own error texts can name the
 * model or its architecture, so they go to the log, never to the voter.
 */
final class FailureReasons {
    static final String STREAM_CUT = "The answer stopped before the model finished (Ollama closed the stream early).";
    private static final Pattern NOT_FOUND =
            Pattern.compile("model .* not found|not found, try pulling", Pattern.CASE_INSENSITIVE);

    private FailureReasons() {}

    static GenerationException stopped(Watchdog.Verdict verdict, Watchdog watchdog, Throwable cause) {
        String reason = switch (verdict) {
            case FIRST_TOKEN_LATE -> "first_token_deadline";
            case TOTAL_TIME_EXCEEDED -> "total_deadline";
            case CANCELLED -> "cancelled";
            default -> "unexpected";
        };
        return new GenerationException(
                reason, forVerdict(verdict, watchdog), false, verdict == Watchdog.Verdict.CANCELLED, cause);
    }

    static String forVerdict(Watchdog.Verdict verdict, Watchdog watchdog) {
        return switch (verdict) {
            case FIRST_TOKEN_LATE ->
                "The model did not start answering within "
                        + watchdog.firstTokenDeadline().toSeconds()
                        + " s (it may still be loading; the limit is deadlines.first_token_seconds).";
            case TOTAL_TIME_EXCEEDED ->
                "The model did not finish its answer within "
                        + watchdog.totalDeadline().toSeconds() + " s (the limit is deadlines.total_seconds).";
            case CANCELLED -> "Stopped because the other model failed or the battle was abandoned.";
            default -> "The generation ended unexpectedly.";
        };
    }

    static GenerationException forError(Throwable error, String url) {
        if (has(error, ConnectException.class)) {
            return new GenerationException(
                    "ollama_unreachable", "Ollama is not reachable at " + url + ".", false, error);
        }
        if (has(error, HttpTimeoutException.class)) {
            return new GenerationException("ollama_timeout", "Ollama did not answer in time.", false, error);
        }
        if (error instanceof OllamaReplyException reply) {
            if (NOT_FOUND.matcher(messageOf(error)).find()) {
                return new GenerationException("model_missing", "The model is not installed in Ollama.", true, error);
            }
            if (reply.midStream()) {
                return new GenerationException(
                        "model_error", "Ollama reported an error while the model was answering.", false, error);
            }
        }
        if (has(error, IOException.class)) {
            return new GenerationException(
                    "connection_broken",
                    "The connection to Ollama broke off in the middle of the answer.",
                    false,
                    error);
        }
        return new GenerationException(
                "ollama_error",
                "Ollama returned an error for this model (the details are in the arena's log).",
                false,
                error);
    }

    static String unreachable(String url, Throwable error) {
        if (has(error, ConnectException.class)) {
            return "Ollama is not reachable at " + url + " (connection refused)";
        }
        String message = messageOf(error);
        return "Ollama at " + url + " did not answer as expected" + (message.isBlank() ? "" : ": " + message);
    }

    private static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null ? "" : message.strip();
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
