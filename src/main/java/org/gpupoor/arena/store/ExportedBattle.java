package org.gpupoor.arena.store;

import java.time.Instant;
import java.util.List;
import org.gpupoor.arena.rating.AnswerStyle;
import org.gpupoor.arena.rating.Outcome;

/**
 * One counted battle as the open-data export publishes it. The sides are null for a battle
 * imported from an old leaderboard.json (only its result is known); texts are null when the
 * operator keeps prompts and answers private. {@code followUps} are turns 2 on (empty for most battles). {@code categories} is null until the prompt is
 * classified; the styles are null for imported battles.
 */
public record ExportedBattle(
        String id,
        Instant createdAt,
        Instant votedAt,
        String modelA,
        String modelB,
        Double sizeA,
        Double sizeB,
        Outcome outcome,
        boolean imported,
        String prompt,
        SideRecord a,
        SideRecord b,
        String voter,
        List<String> categories,
        AnswerStyle styleA,
        AnswerStyle styleB,
        List<TurnRecord> followUps) {
    /** How many prompts the conversation has, the first included. */
    public int turnCount() {
        return 1 + followUps.size();
    }
}
