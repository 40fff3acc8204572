package org.gpupoor.arena.battle;

/** A prompt the arena will not send to a model: empty, too long, or with characters no model should see. */
public final class InvalidPromptException extends RuntimeException {
    public InvalidPromptException(String message) {
        super(message, null, false, false);
    }
}
