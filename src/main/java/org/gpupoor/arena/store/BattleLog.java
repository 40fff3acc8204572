package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;

/**
 * The append-only record of every battle and vote. SQLite takes one writer at a time, so all
 * writes go through one lock; reads run concurrently beside them (WAL).
 */
public final class BattleLog {
    private final DataSource db;
    private static final int EXPORT_PAGE = 2000;
    private static final Logger log = LoggerFactory.getLogger(BattleLog.class);
    private static final int MAX_VOTE_BATCH = 512;
    private final int maxVoteBatch;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<PendingVote> pendingVotes = new ConcurrentLinkedQueue<>();

    public BattleLog(DataSource db) {
        this(db, MAX_VOTE_BATCH);
    }

    /** With a smaller batch, for tests of what happens beyond one batch. */
    BattleLog(DataSource db, int maxVoteBatch) {
        this.db = db;
        this.maxVoteBatch = maxVoteBatch;
    }

    /** A battle as it starts: both models chosen, nothing generated yet. */
    public record NewBattle(String id, Instant createdAt, String prompt, String modelA, String modelB, Double sizeA, Double sizeB) {
    }

    public void insert(NewBattle b) {
        writeUnflushed("record a new battle", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO battles (id, created_at, prompt, model_a, model_b, size_a, size_b, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'generating')""")) {
                s.setString(1, b.id());
                s.setString(2, b.createdAt().toString());
                s.setString(3, b.prompt());
                s.setString(4, b.modelA());
                s.setString(5, b.modelB());
                Jdbc.setDouble(s, 6, b.sizeA());
                Jdbc.setDouble(s, 7, b.sizeB());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Stores both answers and whether the battle can be voted on ("ready") or not ("failed"). */
    public void finish(String id, boolean ready, String failure, String flagged, SideRecord a, SideRecord b, Instant at) {
        writeUnflushed("store a finished battle", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE battles SET status = ?, failure = ?, flagged = ?, finished_at = ? WHERE id = ? AND status = 'generating'")) {
                s.setString(1, ready ? "ready" : "failed");
                s.setString(2, failure);
                s.setString(3, flagged);
                s.setString(4, at.toString());
                s.setString(5, id);
                s.executeUpdate();
            }
            insertAnswer(c, id, "a", a);
            insertAnswer(c, id, "b", b);
            return null;
        });
    }

    private static void insertAnswer(Connection c, String id, String side, SideRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO answers (battle_id, side, text, eval_count, tokens_per_second, ttft_ms, total_ms, done_reason, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, id);
            s.setString(2, side);
            s.setString(3, r.text());
            Jdbc.setLong(s, 4, r.evalCount() == null ? null : r.evalCount().longValue());
            Jdbc.setDouble(s, 5, r.tokensPerSecond());
            Jdbc.setLong(s, 6, r.ttftMs());
            Jdbc.setLong(s, 7, r.totalMs());
            s.setString(8, r.doneReason());
            s.setString(9, r.error());
            s.executeUpdate();
        }
    }

    /**
     * Appends a vote. Once this returns the vote is on disk; {@code afterCommit} runs while the
     * write lock is still held, so whatever it updates sees votes in exactly the log's order.
     *
     * <p>Group commit: a vote joins the queue, then waits for the write lock. Whoever gets the
     * lock writes every vote queued by then in one transaction, so one disk flush serves them
     * all, runs their {@code afterCommit} in queue order, and hands each its result; a voter
     * whose vote was already written releases the lock at once.
     */
    public long recordVote(String id, Outcome outcome, Instant at, Runnable afterCommit) throws AlreadyVotedException {
        PendingVote vote = new PendingVote(id, outcome, at, afterCommit);
        pendingVotes.add(vote);
        writeLock.lock();
        try {
            // A batch takes at most maxVoteBatch votes in queue order; keep writing until this one is.
            while (!vote.done) {
                commitPendingVotes();
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

    /** Votes waiting for the write lock (for tests). */
    int queuedVotes() {
        return pendingVotes.size();
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

    private void commitPendingVotes() {
        List<PendingVote> batch = new ArrayList<>();
        for (PendingVote v; batch.size() < maxVoteBatch && (v = pendingVotes.poll()) != null; ) {
            batch.add(v);
        }
        try {
            boolean committed = false;
            try (Connection c = db.getConnection()) {
                synchronous(c, "FULL"); // whatever a pooled connection was last used for, a vote waits for the disk
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

    /**
     * Adds battles known only by their result (from an old leaderboard.json), each with its vote,
     * in one transaction: either all of them land or none.
     */
    public void importVoted(List<CountedBattle> battles, Instant at, Supplier<String> ids) {
        write("import battles", c -> {
            try (PreparedStatement battle = c.prepareStatement("""
                    INSERT INTO battles (id, created_at, prompt, model_a, model_b, status, imported, finished_at)
                    VALUES (?, ?, '', ?, ?, 'ready', 1, ?)""");
                 PreparedStatement vote = c.prepareStatement(
                         "INSERT INTO votes (battle_id, outcome, voted_at, model_a, model_b) VALUES (?, ?, ?, ?, ?)")) {
                for (CountedBattle b : battles) {
                    String id = ids.get();
                    battle.setString(1, id);
                    battle.setString(2, at.toString());
                    battle.setString(3, b.modelA());
                    battle.setString(4, b.modelB());
                    battle.setString(5, at.toString());
                    battle.executeUpdate();
                    vote.setString(1, id);
                    vote.setString(2, b.outcome().wire());
                    vote.setString(3, at.toString());
                    vote.setString(4, b.modelA());
                    vote.setString(5, b.modelB());
                    vote.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Battles left generating by a crash or shutdown can never finish: mark them failed. */
    public int failUnfinished(String reason, Instant at) {
        return write("close unfinished battles", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE battles SET status = 'failed', failure = ?, finished_at = ? WHERE status = 'generating'")) {
                s.setString(1, reason);
                s.setString(2, at.toString());
                return s.executeUpdate();
            }
        });
    }

    public Optional<BattleRecord> find(String id) {
        return read(c -> BattleRows.find(c, id));
    }

    /**
     * Every voted battle that counts, in the order the votes were acknowledged: failed battles
     * never, battles whose answers gave their author away only when asked to.
     */
    public List<CountedBattle> countedInVoteOrder(boolean includeFlagged) {
        return read(c -> BattleRows.countedInVoteOrder(c, includeFlagged));
    }

    /** Speed figures of the model's latest complete answers, newest first. */
    public List<AnswerMetrics> recentAnswerMetrics(String model, int limit) {
        return read(c -> BattleRows.recentAnswerMetrics(c, model, limit));
    }

    /**
     * Hands every counted battle to {@code sink} in vote order, as the log stood when the export
     * began (later votes are left for the next export; nothing already voted ever changes), and
     * returns how many there were. Pages are read with the connection released in between, so a
     * slow client holds nothing. An {@link java.io.IOException} from the sink ends the export.
     */
    public long exportCounted(boolean includeFlagged, boolean includeText, ExportRows.Sink sink) throws java.io.IOException {
        long last = read(ExportRows::lastSeq);
        long after = 0;
        long count = 0;
        while (true) {
            long from = after;
            ExportRows.Page page = read(c -> ExportRows.page(c, includeFlagged, includeText, from, last, EXPORT_PAGE));
            for (ExportedBattle battle : page.battles()) {
                sink.accept(battle);
            }
            count += page.battles().size();
            if (page.battles().size() < EXPORT_PAGE) {
                return count;
            }
            after = page.lastSeq();
        }
    }

    /** The last size recorded for each of these models that ever battled with a known size. */
    public Map<String, Double> loggedSizes(java.util.Collection<String> models) {
        return read(c -> BattleRows.loggedSizes(c, models));
    }

    /** The distinct opponents {@code model} met most recently, newest first. */
    public List<String> recentOpponents(String model, int limit) {
        return read(c -> BattleRows.recentOpponents(c, model, limit));
    }

    /** Runs {@code work} with writes held off, so it sees the log exactly as the last write left it. */
    public <T> T withWritesPaused(Supplier<T> work) {
        writeLock.lock();
        try {
            return work.get();
        } finally {
            writeLock.unlock();
        }
    }

    public boolean isEmpty() {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM battles)");
                 ResultSet r = s.executeQuery()) {
                return r.next() && r.getInt(1) == 0;
            }
        });
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("Could not read the battle log", e);
        }
    }

    /**
     * A write that does not wait for the disk (WAL with synchronous=NORMAL): it survives a crash
     * of the arena at once and a power cut from the next flushed commit on. Every vote flushes,
     * and the log is append-ordered, so a vote on disk always has its battle on disk too; a
     * power cut can only lose battles nobody has voted on yet. It takes a disk flush (about
     * 2 ms here) off the time to a battle's first token.
     */
    private <T> T writeUnflushed(String what, Work<T> work) {
        return write(what, false, work);
    }

    private <T> T write(String what, Work<T> work) {
        return write(what, true, work);
    }

    private <T> T write(String what, boolean flush, Work<T> work) {
        writeLock.lock();
        try (Connection c = db.getConnection()) {
            // Set on every write, never reset: a pooled connection's last setting must not matter.
            synchronous(c, flush ? "FULL" : "NORMAL");
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Could not " + what, e);
        } finally {
            writeLock.unlock();
        }
    }

    private static void synchronous(Connection c, String level) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous = " + level);
        }
    }
}
