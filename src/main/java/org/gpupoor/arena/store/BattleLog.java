package org.gpupoor.arena.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;

/**
 * The append-only record of every battle and vote, written one at a time and read beside the
 * writes ({@link LogAccess}); an operator's decisions are in {@link #operators()}, the queries
 * about voters in {@link #voters()}, prompt categories in {@link #categories()}, answers' length, markdown and speed
 * in {@link #covariates()}, vote times for the fun stats in {@link #stats()}.
 */
public final class BattleLog implements AutoCloseable {
    private static final int MAX_VOTE_BATCH = 512;
    private final LogAccess access;
    private final GroupCommit votes;
    private final OperatorLog operators;
    private final VoterLog voters;
    private final CategoryLog categories;
    private final CovariateLog covariates;
    private final StatsLog stats;
    private final SuggestionLog suggestions;
    private final TurnLog turns;
    private final ModelVersions versions = new ModelVersions();

    public BattleLog(DataSource db) {
        this(db, MAX_VOTE_BATCH);
    }

    /** With a smaller batch, for tests of what happens beyond one batch. */
    BattleLog(DataSource db, int maxVoteBatch) {
        this.access = new LogAccess(db);
        this.votes = new GroupCommit(db, access.sqlite(), access.writeLock(), maxVoteBatch);
        this.operators = new OperatorLog(access);
        this.voters = new VoterLog(access);
        this.categories = new CategoryLog(access);
        this.covariates = new CovariateLog(access);
        this.stats = new StatsLog(access);
        this.suggestions = new SuggestionLog(access);
        this.turns = new TurnLog(access);
    }

    /** Stops the vote writer; votes recorded from now on fail instead of waiting. */
    @Override
    public void close() {
        votes.close();
    }

    /** A battle still waiting to start gets another pair. */
    public void repair(
            String id, String modelA, String modelB, Double sizeA, Double sizeB, String digestA, String digestB) {
        access.writeUnflushed("give a waiting battle another pair", c -> {
            BattleWrites.repair(c, id, modelA, modelB, sizeA, sizeB, digestA, digestB);
            versions.record(c, modelA, digestA, Instant.now());
            versions.record(c, modelB, digestB, Instant.now());
            return null;
        });
    }

    public void insert(NewBattle b) {
        access.writeUnflushed("record a new battle", c -> {
            BattleWrites.insert(c, b);
            versions.record(c, b.modelA(), b.digestA(), b.createdAt());
            versions.record(c, b.modelB(), b.digestB(), b.createdAt());
            return null;
        });
    }

    /** Every version (tag and digest) battles have been started with, oldest first per tag. */
    public List<ModelVersions.Version> modelVersions() {
        return access.read(versions::all);
    }

    /** The counted battles per pair of versions and outcome: what the board needs when a tag was pulled again. */
    public List<ModelVersions.VersionTally> versionTallies(boolean includeFlagged) {
        return access.read(c -> ModelVersions.tallies(c, includeFlagged));
    }

    /**
     * Closes a battle the voter passed over for a new pair; false when it has a vote (or was
     * skipped already). A skipped battle is never voted on or counted.
     */
    public boolean skip(String id, Instant at) {
        return access.writeUnflushed("skip a battle for a new pair", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE battles SET skipped_at = ? WHERE id = ? AND skipped_at IS NULL
                    AND NOT EXISTS (SELECT 1 FROM votes WHERE battle_id = ?)""")) {
                s.setString(1, at.toString());
                s.setString(2, id);
                s.setString(3, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Stores both answers and whether the battle can be voted on ("ready") or not ("failed"). */
    public void finish(
            String id, boolean ready, String failure, String flagged, SideRecord a, SideRecord b, Instant at) {
        access.writeUnflushed("store a finished battle", c -> {
            BattleWrites.finish(c, id, ready, failure, flagged, a, b, at);
            return null;
        });
    }

    /**
     * Appends a vote. Once this returns the vote is on disk; {@code afterCommit} runs while the
     * write lock is still held, so whatever it updates sees votes in exactly the log's order.
     * Votes arriving together share one disk flush ({@link GroupCommit}).
     */
    public long recordVote(String id, Outcome outcome, Instant at, Ballot ballot, Runnable afterCommit)
            throws AlreadyVotedException {
        return votes.record(id, outcome, at, ballot, afterCommit);
    }

    /** A vote from nobody in particular (imports, benchmarks, storage tests). */
    public long recordVote(String id, Outcome outcome, Instant at, Runnable afterCommit) throws AlreadyVotedException {
        return recordVote(id, outcome, at, Ballot.UNKNOWN, afterCommit);
    }

    /** Votes waiting for the write lock (for tests). */
    int queuedVotes() {
        return votes.queued();
    }

    /**
     * Adds battles known only by their result (from an old leaderboard.json), each with its vote,
     * in one transaction: either all of them land or none.
     */
    public void importVoted(List<CountedBattle> battles, Instant at, Supplier<String> ids) {
        access.write("import battles", c -> {
            BattleWrites.importVoted(c, battles, at, ids);
            return null;
        });
    }

    /** Battles left generating by a crash or shutdown can never finish: mark them failed. */
    public int failUnfinished(String reason, Instant at) {
        return failGenerating(reason, null, at);
    }

    /** Closes battles still generating that started before {@code cutoff}: on a shared log, those of a stopped instance. */
    public int failStale(String reason, Instant cutoff, Instant at) {
        return failGenerating(reason, cutoff, at);
    }

    private int failGenerating(String reason, Instant startedBefore, Instant at) {
        return access.write("close unfinished battles", c -> BattleWrites.failGenerating(c, reason, startedBefore, at));
    }

    public Optional<BattleRecord> find(String id) {
        return access.read(c -> BattleRows.find(c, id));
    }

    /**
     * The battle if anyone may be shown it: both answers in, voted, and the vote not voided by an
     * operator (nor left out as cast on an unfinished battle). Imported battles have no answers to show.
     */
    public Optional<BattleRecord> findShowable(String id) {
        return access.read(c -> BattleRows.showable(c, id) ? BattleRows.find(c, id) : Optional.empty());
    }

    /**
     * Every voted battle that counts, in the order the votes were acknowledged: failed battles
     * never, battles whose answers gave their author away only when asked to.
     */
    public List<CountedBattle> countedInVoteOrder(boolean includeFlagged) {
        return countedInVoteOrder(includeFlagged, Long.MAX_VALUE);
    }

    /** As above, up to the vote at {@code upToSeq}: on a shared log others may be voting while this is read. */
    public List<CountedBattle> countedInVoteOrder(boolean includeFlagged, long upToSeq) {
        return access.read(c -> BattleRows.countedInVoteOrder(c, includeFlagged, upToSeq));
    }

    /** The place of the last vote in the log, 0 when there is none. */
    public long lastVoteSeq() {
        return access.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM votes");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    public List<LoggedVote> votesBetween(long afterSeq, long upToSeq, boolean includeFlagged) {
        return access.read(c -> BattleRows.votesBetween(c, afterSeq, upToSeq, includeFlagged));
    }

    /** Runs {@code hook} with each of this instance's votes' place, just before its own after-commit step. */
    public void beforeEachOwnVote(LongConsumer hook) {
        votes.beforeEachVote(hook);
    }

    /** Speed figures of the model's latest complete answers, newest first. */
    /** A model's latest {@code limit} complete answers of voted (up to {@code upToVoteSeq}) or failed battles. */
    public List<AnswerMetrics> recentAnswerMetrics(String model, int limit, long upToVoteSeq) {
        return access.read(c -> BattleRows.recentAnswerMetrics(c, model, limit, upToVoteSeq));
    }

    /** The complete answers of the battles voted in this span of the log, in vote order. */
    public List<ModelAnswer> votedAnswersBetween(long afterVoteSeq, long upToVoteSeq) {
        return access.read(c -> BattleRows.votedAnswersBetween(c, afterVoteSeq, upToVoteSeq));
    }

    /** The complete answers of failed battles among the newest {@code battles}. */
    public List<ModelAnswer> recentFailedAnswers(int battles) {
        return access.read(c -> BattleRows.recentFailedAnswers(c, battles));
    }

    /**
     * Hands every counted battle to {@code sink} in vote order, as the log stood when the export
     * began (later votes are left for the next export; nothing already voted ever changes), and
     * returns how many there were. Pages are read with the connection released in between, so a
     * slow client holds nothing. An {@link java.io.IOException} from the sink ends the export.
     */
    public long exportCounted(boolean includeFlagged, boolean includeText, ExportRows.Sink sink)
            throws java.io.IOException {
        return ExportRows.export(access, includeFlagged, includeText, sink);
    }

    /** The last size recorded for each of these models that ever battled with a known size. */
    public Map<String, Double> loggedSizes(Collection<String> models) {
        return access.read(c -> BattleRows.loggedSizes(c, models));
    }

    /** The distinct opponents {@code model} met most recently, newest first. */
    public List<String> recentOpponents(String model, int limit) {
        return access.read(c -> BattleRows.recentOpponents(c, model, limit));
    }

    /** What an operator decides about the log: voids, hidden models, backups. */
    public OperatorLog operators() {
        return operators;
    }

    /** Who voted: the queries behind the daily caps and the operator's list of flagged voters. */
    public CategoryLog categories() {
        return categories;
    }

    public CovariateLog covariates() {
        return covariates;
    }

    /** When counted votes were cast, for the fun stats. */
    public StatsLog stats() {
        return stats;
    }

    public VoterLog voters() {
        return voters;
    }

    /** Follow-up turns of battles, asked before the vote. */
    public TurnLog turns() {
        return turns;
    }

    /** Models voters would like to see in the arena. */
    public SuggestionLog suggestions() {
        return suggestions;
    }

    /** Runs {@code work} with writes held off, so it sees the log exactly as the last write left it. */
    public <T> T withWritesPaused(Supplier<T> work) {
        return access.withWritesPaused(work);
    }

    public boolean isEmpty() {
        return access.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM battles)");
                    ResultSet r = s.executeQuery()) {
                return r.next() && !r.getBoolean(1);
            }
        });
    }
}
