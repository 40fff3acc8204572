package org.gpupoor.arena.ollama;

/** A generation that did not complete. The message is safe to show voters: it never names the model. */
public class GenerationException extends Exception {
    private final boolean modelMissing;
    private final boolean cancelled;

    GenerationException(String message, boolean modelMissing, Throwable cause) {
        this(message, modelMissing, false, cause);
    }

    GenerationException(String message, boolean modelMissing, boolean cancelled, Throwable cause) {
        super(message, cause);
        this.modelMissing = modelMissing;
        this.cancelled = cancelled;
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
