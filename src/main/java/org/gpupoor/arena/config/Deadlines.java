package org.gpupoor.arena.config;

/** Per-side limits: how long a model may take to load and start, and to finish its answer. */
public record Deadlines(Integer firstTokenSeconds, Integer totalSeconds) {
    public Deadlines {
        firstTokenSeconds = firstTokenSeconds == null ? 120 : firstTokenSeconds;
        totalSeconds = totalSeconds == null ? 300 : totalSeconds;
    }
}
