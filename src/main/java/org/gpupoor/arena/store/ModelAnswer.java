package org.gpupoor.arena.store;

/** One model's complete answer in a battle, with how fast it came. */
public record ModelAnswer(String battleId, String model, AnswerMetrics metrics) {}
