package org.gpupoor.arena.store;

/**
 * How fast one complete answer came: Ollama's tokens per second, time to first token with the
 * model's loading left out (a model is not slower because the battle before evicted it), length
 * in tokens, and the loading itself (null when not recorded).
 */
public record AnswerMetrics(Double tokensPerSecond, Long ttftMs, Long answerTokens, Long loadMs) {
    public AnswerMetrics(Double tokensPerSecond, Long ttftMs, Long answerTokens) {
        this(tokensPerSecond, ttftMs, answerTokens, null);
    }

    /** From a stored answer, whose time to first token includes the load. */
    public static AnswerMetrics loadApart(Double tokensPerSecond, Long ttftMs, Long answerTokens, Long loadMs) {
        Long firstToken = ttftMs == null || loadMs == null ? ttftMs : Math.max(0, ttftMs - loadMs);
        return new AnswerMetrics(tokensPerSecond, firstToken, answerTokens, loadMs);
    }
}
