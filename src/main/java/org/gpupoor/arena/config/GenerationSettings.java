package org.gpupoor.arena.config;

import java.util.Locale;

/**
 * The {@code generation} section: the Ollama options every answer is generated with.
 *
 * @param parallel {@code auto} (both sides at once when both models are loaded or fit in memory
 *                 together, one after the other otherwise), {@code true} (always at once) or
 *                 {@code false} (always one after the other)
 */
public record GenerationSettings(
        Double temperature, Integer numPredict, Integer seed, String keepAlive, String parallel) {
    public enum Parallel {
        AUTO,
        ALWAYS,
        NEVER
    }

    public GenerationSettings {
        temperature = temperature == null ? 0.7 : temperature;
        numPredict = numPredict == null ? 1024 : numPredict;
        keepAlive = keepAlive == null || keepAlive.isBlank() ? "5m" : keepAlive.strip();
        // Ollama reads a bare number in a string as a duration without unit and rejects it.
        keepAlive = keepAlive.matches("-?\\d+") ? keepAlive + "s" : keepAlive;
        parallel = parallel == null || parallel.isBlank()
                ? "auto"
                : parallel.strip().toLowerCase(Locale.ROOT);
    }

    public GenerationSettings(
            Double temperature, Integer numPredict, Integer seed, String keepAlive, boolean parallel) {
        this(temperature, numPredict, seed, keepAlive, Boolean.toString(parallel));
    }

    /** Null for a value that is none of auto, true, false (the validator names it). */
    public Parallel parallelMode() {
        return switch (parallel) {
            case "auto" -> Parallel.AUTO;
            case "true" -> Parallel.ALWAYS;
            case "false" -> Parallel.NEVER;
            default -> null;
        };
    }
}
