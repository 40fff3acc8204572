package org.gpupoor.arena.ollama;

/**
 * One side's finished answer and how it was produced.
 *
 * @param ttftMs  time from sending the request to the first visible token, model loading included
 * @param totalMs time from sending the request to the last byte of the answer
 * @param loadMs  Ollama's load_duration: the part of {@code ttftMs} spent loading the model (near 0 when it was loaded)
 */
public record GenerationResult(
        String text, int evalCount, double tokensPerSecond, long ttftMs, long totalMs, String doneReason, long loadMs) {
    /** A load shorter than this is Ollama finding the model already in memory: not a cold start. */
    public static final long COLD_START_MS = 100;
}
