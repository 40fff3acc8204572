package org.gpupoor.arena.config;

/** Requests per minute one client (IP address) may make; 0 turns a limit off. */
public record RateLimits(Integer battlesPerMinute, Integer votesPerMinute) {
    public RateLimits {
        battlesPerMinute = battlesPerMinute == null ? 12 : battlesPerMinute;
        votesPerMinute = votesPerMinute == null ? 30 : votesPerMinute;
    }
}
