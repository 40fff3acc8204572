package org.gpupoor.arena.store;

import java.time.Instant;

/**
 * One row of the battle log with its answers and vote.
 *
 * @param status  "generating", "ready" or "failed"
 * @param flagged the word by which an answer gave its author away, or null
 * @param outcome the vote ("a", "b", "tie", "both_bad"), null until voted
 * @param skippedAt when the voter asked for a new pair instead of voting, or null
 */
public record BattleRecord(
        String id,
        Instant createdAt,
        String prompt,
        String modelA,
        String modelB,
        Double sizeA,
        Double sizeB,
        String status,
        String failure,
        String flagged,
        boolean imported,
        Instant finishedAt,
        SideRecord a,
        SideRecord b,
        String outcome,
        Instant votedAt,
        Instant skippedAt) {}
