package org.gpupoor.arena.ollama;

/** A generation that did not complete. The message is safe to show voters: it never names the model. */
public class GenerationException extends Exception {
    private final boolean modelMissing;

    GenerationException(String message, boolean modelMissing, Throwable cause) {
        super(message, cause);
        this.modelMissing = modelMissing;
    }

    /** True when Ollama answered that it does not have the model. */
    public boolean modelMissing() {
        return modelMissing;
    }
}
