package org.gpupoor.arena.battle;

/** The battle cannot take this vote now: still generating, failed, or voted on already ({@code code} says which). */
public final class NotVotableException extends RuntimeException {
    private final String code;

    public NotVotableException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
