package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.gpupoor.arena.concurrent.Threads;
import org.gpupoor.arena.rating.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Votes written with group commit by one writer thread: voters queue their votes and wait; the
 * writer takes the log's write lock, writes every vote queued by then (up to one batch) in one
 * transaction, so one disk flush serves them all, runs their {@code afterCommit} in queue order,
 * and wakes each voter once. Voters never queue on the lock itself: with 64 of them, handing the
 * lock from one to the next only for each to find its vote written cost more than the flush.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final DataSource db;
    private final boolean sqlite;
    private final ReentrantLock writeLock;
    private final int maxBatch;
    private final LinkedBlockingQueue<PendingVote> pending = new LinkedBlockingQueue<>();
    private final AtomicInteger unwritten = new AtomicInteger();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean started;
    private volatile java.util.function.LongConsumer beforeEachVote = seq -> {};

    GroupCommit(DataSource db, boolean sqlite, ReentrantLock writeLock, int maxBatch) {
        this.db = db;
        this.sqlite = sqlite;
        this.writeLock = writeLock;
        this.maxBatch = maxBatch;
        this.writer = Threads.thread("vote-writer", this::writeLoop);
    }

    /** Returns once the vote is on disk and its {@code afterCommit} has run. Never call it holding the write lock. */
    long record(String id, Outcome outcome, Instant at, Ballot ballot, Runnable afterCommit)
            throws AlreadyVotedException {
        startOnce();
        PendingVote vote = new PendingVote(id, outcome, at, ballot, afterCommit);
        unwritten.incrementAndGet();
        pending.add(vote);
        if (closed || !writer.isAlive()) {
            failAll(pending);
        }
        vote.awaitWritten();
        if (vote.failure != null) {
            throw vote.failure;
        }
        if (vote.duplicate) {
            throw new AlreadyVotedException(id);
        }
        return vote.seq;
    }

    /** The writer starts with the first vote, not in the constructor: building the log starts nothing. */
    private void startOnce() {
        if (!started) {
            synchronized (writer) {
                if (!started) {
                    writer.start();
                    started = true; // only now: a voter that sees it true finds the writer alive
                }
            }
        }
    }

    void beforeEachVote(java.util.function.LongConsumer hook) {
        this.beforeEachVote = hook;
    }

    /** Votes queued or being written, not yet answered. */
    int queued() {
        return unwritten.get();
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
    }

    private void writeLoop() {
        while (!closed) {
            List<PendingVote> batch = new ArrayList<>();
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                break;
            }
            writeLock.lock();
            try {
                pending.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (RuntimeException | Error e) {
                // The batch's voters hear of it below; the writer must live on for the next votes.
                log.error("Writing votes failed", e);
            } finally {
                writeLock.unlock();
                batch.forEach(this::answer);
            }
        }
        failAll(pending);
    }

    private void failAll(LinkedBlockingQueue<PendingVote> queue) {
        List<PendingVote> left = new ArrayList<>();
        queue.drainTo(left);
        for (PendingVote vote : left) {
            vote.failure = new StoreException("The arena is shutting down; the vote was not stored", null);
            answer(vote);
        }
    }

    private void answer(PendingVote vote) {
        if (vote.failure == null && !vote.done) {
            // Whatever went wrong (even an Error), no voter may wait for, or return, a vote left unfinished.
            vote.failure = new StoreException("Could not store the vote", null);
        }
        unwritten.decrementAndGet();
        vote.written.countDown();
    }

    private void commit(List<PendingVote> batch) {
        boolean committed = false;
        try (Connection c = db.getConnection()) {
            Jdbc.synchronous(
                    c, sqlite, "FULL"); // whatever a pooled connection was last used for, a vote waits for the disk
            c.setAutoCommit(false);
            if (!sqlite) {
                // One writer at a time across every arena instance on this log, so the order of the
                // votes' places is the order they were committed in: every instance replays the same.
                try (java.sql.Statement lock = c.createStatement()) {
                    lock.execute("SELECT pg_advisory_xact_lock(7860)");
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO votes (battle_id, outcome, voted_at, model_a, model_b, excluded, voter, address, too_fast)
                    SELECT b.id, ?, ?, b.model_a, b.model_b,
                           CASE WHEN b.status <> 'ready' THEN 'not_ready' WHEN ? = 1 THEN 'too_fast'
                                WHEN b.flagged IS NOT NULL THEN 'flagged' END, ?, ?, ?
                    FROM battles b WHERE b.id = ? AND b.skipped_at IS NULL
                    ON CONFLICT (battle_id) DO NOTHING RETURNING seq""")) {
                for (PendingVote vote : batch) {
                    s.setString(1, vote.outcome.wire());
                    s.setString(2, vote.at.toString());
                    s.setInt(3, vote.ballot.excludedAsTooFast() ? 1 : 0);
                    s.setString(4, vote.ballot.voter());
                    s.setString(5, vote.ballot.address());
                    s.setInt(6, vote.ballot.tooFast() ? 1 : 0);
                    s.setString(7, vote.id);
                    try (ResultSet inserted = s.executeQuery()) {
                        vote.duplicate = !inserted.next(); // a second vote on the battle inserts nothing
                        if (!vote.duplicate) {
                            vote.seq = inserted.getLong(1);
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
                    beforeEachVote.accept(vote.seq);
                    vote.afterCommit.run();
                } catch (RuntimeException e) {
                    vote.failure = e;
                }
            }
            vote.done = true;
        }
    }

    /** A vote waiting to be written; the writer sets its outcome fields before counting the latch down. */
    private static final class PendingVote {
        final String id;
        final Outcome outcome;
        final Instant at;
        final Ballot ballot;
        final Runnable afterCommit;
        final CountDownLatch written = new CountDownLatch(1);
        boolean done;
        boolean duplicate;
        long seq;
        RuntimeException failure;

        PendingVote(String id, Outcome outcome, Instant at, Ballot ballot, Runnable afterCommit) {
            this.id = id;
            this.outcome = outcome;
            this.at = at;
            this.ballot = ballot;
            this.afterCommit = afterCommit;
        }

        void awaitWritten() {
            boolean interrupted = false;
            while (true) {
                try {
                    written.await();
                    break;
                } catch (InterruptedException e) {
                    // The vote may already be on disk: the voter must hear how it ended, so wait on.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
