package org.gpupoor.arena.config;

/**
 * Requests one client (IP address) may make: battles and votes per minute, model suggestions per
 * hour; 0 turns a limit off.
 */
public record RateLimits(Integer battlesPerMinute, Integer votesPerMinute, Integer suggestionsPerHour) {
    public RateLimits {
        battlesPerMinute = battlesPerMinute == null ? 12 : battlesPerMinute;
        votesPerMinute = votesPerMinute == null ? 30 : votesPerMinute;
        suggestionsPerHour = suggestionsPerHour == null ? 10 : suggestionsPerHour;
    }

    public RateLimits(Integer battlesPerMinute, Integer votesPerMinute) {
        this(battlesPerMinute, votesPerMinute, null);
    }
}
