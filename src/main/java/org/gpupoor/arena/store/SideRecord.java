package org.gpupoor.arena.store;

/** One side's stored answer and metrics; the metrics are null when the side failed. */
public record SideRecord(
        String text, Integer evalCount, Double tokensPerSecond, Long ttftMs, Long totalMs, String doneReason, String error) {

    public static SideRecord failed(String partialText, String error) {
        return new SideRecord(partialText, null, null, null, null, null, error);
    }
}
