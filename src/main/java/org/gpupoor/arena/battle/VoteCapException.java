package org.gpupoor.arena.battle;

import java.time.Duration;

/** The voter (or the address) has cast today's allowance of votes; voting opens again after {@code retryAfter}. */
public final class VoteCapException extends RuntimeException {
    private final Duration retryAfter;

    public VoteCapException(Duration retryAfter, String message) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
