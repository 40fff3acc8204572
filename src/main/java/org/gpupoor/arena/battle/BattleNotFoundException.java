package org.gpupoor.arena.battle;

/** No battle has the id asked for (or the id cannot be one). */
public final class BattleNotFoundException extends RuntimeException {
    public BattleNotFoundException(String message) {
        super(message, null, false, false);
    }
}
