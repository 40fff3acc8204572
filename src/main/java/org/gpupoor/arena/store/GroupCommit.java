package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.gpupoor.arena.rating.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Votes written with group commit: a vote joins the queue, then waits for the log's write lock.
 * Whoever gets the lock writes every vote queued by then (up to one batch) in one transaction,
 * so one disk flush serves them all, runs their {@code afterCommit} in queue order, and hands
 * each its result; a voter whose vote was already written releases the lock at once.
 */
final class GroupCommit {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final DataSource db;
    private final ReentrantLock writeLock;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<PendingVote> pending = new ConcurrentLinkedQueue<>();

    GroupCommit(DataSource db, ReentrantLock writeLock, int maxBatch) {
        this.db = db;
        this.writeLock = writeLock;
        this.maxBatch = maxBatch;
    }

    long record(String id, Outcome outcome, Instant at, Runnable afterCommit) throws AlreadyVotedException {
        PendingVote vote = new PendingVote(id, outcome, at, afterCommit);
        pending.add(vote);
        writeLock.lock();
        try {
            // A batch takes at most maxBatch votes in queue order; keep writing until this one is.
            while (!vote.done) {
                commitPending();
            }
        } finally {
            writeLock.unlock();
        }
        if (vote.failure != null) {
            throw vote.failure;
        }
        if (vote.duplicate) {
            throw new AlreadyVotedException(id);
        }
        return vote.seq;
    }

    int queued() {
        return pending.size();
    }

    /** A vote waiting to be written; its outcome fields are set under the write lock. */
    private static final class PendingVote {
        final String id;
        final Outcome outcome;
        final Instant at;
        final Runnable afterCommit;
        boolean done;
        boolean duplicate;
        long seq;
        RuntimeException failure;

        PendingVote(String id, Outcome outcome, Instant at, Runnable afterCommit) {
            this.id = id;
            this.outcome = outcome;
            this.at = at;
            this.afterCommit = afterCommit;
        }
    }

    private void commitPending() {
        List<PendingVote> batch = new ArrayList<>();
        for (PendingVote v; batch.size() < maxBatch && (v = pending.poll()) != null; ) {
            batch.add(v);
        }
        try {
            boolean committed = false;
            try (Connection c = db.getConnection()) {
                Jdbc.synchronous(c, "FULL"); // whatever a pooled connection was last used for, a vote waits for the disk
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO votes (battle_id, outcome, voted_at, model_a, model_b, excluded)
                        SELECT b.id, ?, ?, b.model_a, b.model_b,
                               CASE WHEN b.status <> 'ready' THEN 'not_ready' WHEN b.flagged IS NOT NULL THEN 'flagged' END
                        FROM battles b WHERE b.id = ? ON CONFLICT (battle_id) DO NOTHING""", PreparedStatement.RETURN_GENERATED_KEYS)) {
                    for (PendingVote vote : batch) {
                        s.setString(1, vote.outcome.wire());
                        s.setString(2, vote.at.toString());
                        s.setString(3, vote.id);
                        vote.duplicate = s.executeUpdate() == 0;
                        if (!vote.duplicate) {
                            try (ResultSet keys = s.getGeneratedKeys()) {
                                keys.next();
                                vote.seq = keys.getLong(1);
                            }
                        }
                    }
                    c.commit();
                    committed = true;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException | RuntimeException e) {
                if (!committed) {
                    for (PendingVote vote : batch) {
                        vote.failure = new StoreException("Could not store the vote", e);
                        vote.done = true;
                    }
                    return;
                }
                // On disk already: a failure tidying the connection must not unsay the votes.
                log.warn("Votes were stored, but their connection could not be tidied: {}", e.toString());
            }
            for (PendingVote vote : batch) {
                if (!vote.duplicate) {
                    try {
                        vote.afterCommit.run();
                    } catch (RuntimeException e) {
                        vote.failure = e;
                    }
                }
                vote.done = true;
            }
        } finally {
            // Whatever went wrong (even an Error), no voter may wait for, or return, a vote left unfinished.
            for (PendingVote vote : batch) {
                if (!vote.done) {
                    vote.failure = new StoreException("Could not store the vote", null);
                    vote.done = true;
                }
            }
        }
    }
}
