package org.gpupoor.arena.ollama;

/**
 * A generation that did not complete. The message is safe to show voters: it never names the
 * model; the reason is a short code for metrics ("first_token_deadline", "model_missing", ...).
 */
public class GenerationException extends Exception {
    private final String reason;
    private final boolean modelMissing;
    private final boolean cancelled;

    GenerationException(String reason, String message, boolean modelMissing, Throwable cause) {
        this(reason, message, modelMissing, false, cause);
    }

    GenerationException(String reason, String message, boolean modelMissing, boolean cancelled, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.modelMissing = modelMissing;
        this.cancelled = cancelled;
    }

    public String reason() {
        return reason;
    }

    /** True when the battle stopped this side (the other side failed), not the side itself. */
    public boolean cancelled() {
        return cancelled;
    }

    /** True when Ollama answered that it does not have the model. */
    public boolean modelMissing() {
        return modelMissing;
    }
}
