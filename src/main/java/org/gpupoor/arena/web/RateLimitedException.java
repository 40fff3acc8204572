package org.gpupoor.arena.web;

import java.time.Duration;

/** 429: the client must wait {@code retryAfter} before trying again. */
public class RateLimitedException extends ApiException {
    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter, String message) {
        this(retryAfter, "rate_limited", message);
    }

    public RateLimitedException(Duration retryAfter, String code, String message) {
        super(429, code, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
