package org.gpupoor.arena.store;

import java.time.Instant;

/**
 * A follow-up turn of a battle (turn 2 on; turn 1 is the battle's own prompt and answers). The
 * sides are null while the turn is generating; {@code prompt} is null in an export without texts.
 */
public record TurnRecord(int turn, String prompt, Instant askedAt, Instant finishedAt, SideRecord a, SideRecord b) {}
