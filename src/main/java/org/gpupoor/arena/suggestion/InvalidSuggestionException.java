package org.gpupoor.arena.suggestion;

/** A suggestion the arena will not keep: a tag that is not shaped like Ollama's, or a reason too short, long or odd. */
public final class InvalidSuggestionException extends RuntimeException {
    public InvalidSuggestionException(String message) {
        super(message, null, false, false);
    }
}
