package org.gpupoor.arena.store;

/**
 * One side's stored answer and metrics; the metrics are null when the side failed.
 *
 * @param loadMs the part of {@code ttftMs} Ollama spent loading the model; null when not recorded
 */
public record SideRecord(
        String text,
        Integer evalCount,
        Double tokensPerSecond,
        Long ttftMs,
        Long totalMs,
        String doneReason,
        String error,
        Long loadMs) {
    public SideRecord(
            String text,
            Integer evalCount,
            Double tokensPerSecond,
            Long ttftMs,
            Long totalMs,
            String doneReason,
            String error) {
        this(text, evalCount, tokensPerSecond, ttftMs, totalMs, doneReason, error, null);
    }

    public static SideRecord failed(String partialText, String error) {
        return new SideRecord(partialText, null, null, null, null, null, error);
    }
}
