package org.gpupoor.arena.battle;

/** No battle can start now: Ollama is down, or fewer than two models are available ({@code code} says which). */
public final class ArenaUnavailableException extends RuntimeException {
    private final String code;

    public ArenaUnavailableException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
