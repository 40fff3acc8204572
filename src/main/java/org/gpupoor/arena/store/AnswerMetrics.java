package org.gpupoor.arena.store;

/** How fast one complete answer came: Ollama's tokens per second, time to first token, length in tokens. */
public record AnswerMetrics(Double tokensPerSecond, Long ttftMs, Long answerTokens) {
}
