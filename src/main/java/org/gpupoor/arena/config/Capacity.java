package org.gpupoor.arena.config;

/**
 * How much the arena asks of Ollama at once: battles beyond {@code maxConcurrentBattles} wait
 * in line; a battle nobody has watched for {@code abandonAfterSeconds} is stopped.
 */
public record Capacity(Integer maxConcurrentBattles, Integer abandonAfterSeconds) {
    public Capacity {
        maxConcurrentBattles = maxConcurrentBattles == null ? 2 : maxConcurrentBattles;
        abandonAfterSeconds = abandonAfterSeconds == null ? 60 : abandonAfterSeconds;
    }
}
