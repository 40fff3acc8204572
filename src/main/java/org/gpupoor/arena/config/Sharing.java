package org.gpupoor.arena.config;

/** Whether a voted battle gets a public read-only page ({@code /shared/{id}}) that the voter can pass on. */
public record Sharing(Boolean enabled) {
    public Sharing {
        enabled = enabled == null || enabled;
    }
}
