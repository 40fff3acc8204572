package org.gpupoor.arena.store;

import org.gpupoor.arena.rating.CountedBattle;

/** A vote at its place in the log; {@code battle} is null when the vote does not count on the boards. */
public record LoggedVote(long seq, CountedBattle battle) {}
