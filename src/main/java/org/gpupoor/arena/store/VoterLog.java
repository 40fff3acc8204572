package org.gpupoor.arena.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/** Who voted: the log's secret for voter hashes, votes per voter and address today, and voters that look like stuffing. */
public final class VoterLog {
    private final LogAccess access;

    VoterLog(LogAccess access) {
        this.access = access;
    }

    /** The secret called {@code name}, the same for every instance on this log; {@code fresh} makes it the first time. */
    public String secret(String name, Supplier<String> fresh) {
        return access.write("keep a secret", c -> VoterRows.secret(c, name, fresh.get()));
    }

    /** Votes cast by {@code voter} on {@code day} (UTC). */
    public int votesBy(String voter, LocalDate day) {
        return access.read(c -> VoterRows.votesOn(c, false, voter, day));
    }

    /** Votes cast from {@code address} (its keyed hash) on {@code day} (UTC). */
    public int votesFrom(String address, LocalDate day) {
        return access.read(c -> VoterRows.votesOn(c, true, address, day));
    }

    /** Voters whose votes look like stuffing (see {@link VoterRows#flagged}). */
    public List<VoterRecord> flaggedVoters(int sideBiasMin, int dailyCap, Instant dayStart) {
        return access.read(c -> VoterRows.flagged(c, sideBiasMin, dailyCap, dayStart));
    }
}
