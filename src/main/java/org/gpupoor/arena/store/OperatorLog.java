package org.gpupoor.arena.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Set;

/** What an operator decides about the log: votes voided (one battle's, or a voter's), models hidden, backups. */
public final class OperatorLog {
    private final LogAccess access;

    OperatorLog(LogAccess access) {
        this.access = access;
    }

    /** What voiding a battle's vote found: no vote, a vote already left out of the boards, or one that counted until now. */
    public enum Voided {
        NO_BATTLE,
        NO_VOTE,
        ALREADY_EXCLUDED,
        VOIDED
    }

    /** Takes a battle's vote off the boards for good (an operator's decision); the vote row stays, marked 'voided'. */
    public Voided voidVote(String battleId) {
        return access.write("void a vote", c -> OperatorRows.voidVote(c, battleId));
    }

    /** Voids every vote of one voter (an operator's decision): how many were voided. */
    public int voidVoter(String voter) {
        return access.write("void a voter's votes", c -> OperatorRows.voidVoter(c, voter));
    }

    public Set<String> hiddenModels() {
        return access.read(OperatorRows::hiddenModels);
    }

    /** True when the model was not hidden before. */
    public boolean hideModel(String tag, Instant at) {
        return access.write("hide a model", c -> OperatorRows.hide(c, tag, at));
    }

    /** True when the model was hidden before. */
    public boolean showModel(String tag) {
        return access.write("show a model", c -> OperatorRows.show(c, tag));
    }

    /** Grows with every void, hide and show: instances sharing the log rebuild their boards when it moves. */
    public long changeVersion() {
        return access.read(OperatorRows::changeVersion);
    }

    /** Whether {@link #backupTo} can copy this log (SQLite); PostgreSQL is backed up with pg_dump. */
    public boolean canBackUp() {
        return access.sqlite();
    }

    /** A consistent copy of the whole log, taken while the arena keeps serving (SQLite's VACUUM INTO). */
    public void backupTo(Path target) {
        if (!access.sqlite()) {
            throw new IllegalStateException("Only an SQLite log is copied by the arena (see canBackUp)");
        }
        access.read(c -> {
            try (PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
                s.setString(1, target.toAbsolutePath().toString());
                s.execute();
            }
            return null;
        });
    }
}
