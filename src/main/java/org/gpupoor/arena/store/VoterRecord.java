package org.gpupoor.arena.store;

import java.time.Instant;

/** One voter's votes as the log holds them: by outcome, too fast, voided by the operator, and cast today (UTC). */
public record VoterRecord(
        String voter,
        int votes,
        int forA,
        int forB,
        int ties,
        int bothBad,
        int tooFast,
        int voided,
        int today,
        Instant firstVote,
        Instant lastVote) {}
