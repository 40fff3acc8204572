package org.gpupoor.arena.leaderboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.leaderboard.BoardRows.EloRow;
import org.gpupoor.arena.leaderboard.BoardRows.MainRow;
import org.gpupoor.arena.leaderboard.BoardRows.Standing;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.rating.WinLossTable;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.LoggedVote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boards, kept in memory and updated per vote. They are a pure function of the battle log:
 * just after start ({@link #load}) and whenever the catalog's sizes change ({@link #rebuild})
 * they are built by replaying it. Reading a board never replays: a rebuild holds up every vote.
 */
public final class Leaderboard {
    private static final Logger logger = LoggerFactory.getLogger(Leaderboard.class);

    private final BattleLog log;
    private final LogReplay replay;
    private final RankedRows rows;
    private final HiddenModels hidden;
    private final BoardsLoad load = new BoardsLoad();
    /** Where the first replay stops: the log's last vote when the boards were built, before any vote could arrive. */
    private final long loadUpTo;

    private BoardState state = BoardState.empty(Map.of(), 1.0);
    /** Whether the first replay has ended; until then this instance's votes wait in {@link #afterReplay}. */
    private boolean replayed;

    private final List<Runnable> afterReplay = new ArrayList<>();
    private volatile long version;
    /** The place in the log of the last vote the boards have taken in (counted or not). */
    private long appliedSeq;

    /** @param countFlagged whether battles whose answers gave their authors away count */
    public Leaderboard(
            BattleLog log, ModelCatalog catalog, ModelSizes modelSizes, HiddenModels hidden, boolean countFlagged) {
        this.log = log;
        this.replay = new LogReplay(log, catalog, modelSizes, countFlagged);
        this.rows = new RankedRows(catalog);
        this.hidden = hidden;
        this.loadUpTo = replay.lastVoteSeq();
    }

    /**
     * The first replay, on a background thread once the port is open: the log up to the place
     * fixed when the boards were built, with no write paused, so battles and votes are stored
     * meanwhile; this instance's votes among them are counted right after it, in log order.
     * Returns whether the boards are ready; a failure is logged and reported (see
     * {@link #loadState}), not thrown.
     */
    public boolean load() {
        BoardState loaded = null;
        long started = System.nanoTime();
        try {
            loaded = replay.upTo(loadUpTo);
            logger.info(
                    "The boards replayed the log up to vote {} in {} ms",
                    loadUpTo,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | Error e) {
            logger.error("Replaying the battle log into the boards failed; they stay unavailable until a rebuild", e);
        }
        synchronized (this) {
            if (loaded != null) {
                state = loaded;
                version++;
                load.succeeded();
            } else {
                load.failed();
            }
            appliedSeq = loadUpTo;
            replayed = true;
            for (Runnable waiting : afterReplay) {
                try {
                    waiting.run();
                } catch (RuntimeException e) {
                    // The next ones must still run: their voters wait for them.
                    logger.error("Counting a vote stored while the boards loaded failed", e);
                }
            }
            afterReplay.clear();
        }
        return loaded != null;
    }

    /** Whether the boards are loading, ready, or failed to load. */
    public BoardsLoad.State loadState() {
        return load.state();
    }

    /** Throws {@link BoardsUnavailableException} unless the boards are ready to be read. */
    public void requireLoaded() {
        load.requireReady();
    }

    /**
     * Replays the whole log; waits for in-flight votes so none is counted twice or missed. Called
     * after a vote is voided and when the catalog's sizes change (never on a read); its success
     * also makes boards whose first replay failed ready.
     */
    public void rebuild() {
        load.awaitEnd();
        log.withWritesPaused(() -> {
            synchronized (this) {
                // The place first, then the votes up to it: on a shared log others vote meanwhile,
                // and their later votes must reach the boards once, through catchUp.
                long upTo = replay.lastVoteSeq();
                state = replay.upTo(upTo);
                appliedSeq = upTo;
                version++;
            }
            return null;
        });
        load.succeeded();
    }

    /** Grows with every counted vote and every rebuild: the boards at one version are always the same. */
    public long version() {
        return version;
    }

    /** Whether a battle flagged for an identity giveaway counts on the boards. */
    public boolean countsFlagged() {
        return replay.countsFlagged();
    }

    /**
     * On a shared log: counts the votes other instances put in the log up to {@code upToSeq},
     * in log order, and returns how many counted. Call with the log's writes paused.
     */
    public synchronized int catchUp(long upToSeq) {
        if (!replayed) {
            return 0; // the first replay's place is not reached yet: the next call catches up
        }
        int counted = 0;
        for (LoggedVote vote : replay.votesBetween(appliedSeq, upToSeq)) {
            if (vote.battle() != null) {
                state.count(vote.battle());
                counted++;
            }
            appliedSeq = vote.seq();
        }
        if (counted > 0) {
            version++;
        }
        return counted;
    }

    /** This instance's own vote is at {@code seq}: count every earlier one first, so all instances count in one order. */
    public synchronized void ownVoteAt(long seq) {
        if (!replayed) {
            afterReplay.add(() -> ownVoteAt(seq));
            return;
        }
        catchUp(seq - 1);
        appliedSeq = Math.max(appliedSeq, seq);
    }

    /**
     * Counts one vote; call in log order (the battle log's write lock guarantees it). A vote
     * stored while the boards load is counted right after their replay, which stops before it:
     * its standings come then. Null standings: the boards failed to load and show nothing.
     */
    public synchronized CompletableFuture<Map<String, Standing>> apply(CountedBattle battle) {
        if (!replayed) {
            CompletableFuture<Map<String, Standing>> later = new CompletableFuture<>();
            afterReplay.add(() -> later.complete(count(battle)));
            return later;
        }
        return CompletableFuture.completedFuture(count(battle));
    }

    private Map<String, Standing> count(CountedBattle battle) {
        double beforeA = state.elo().rating(battle.modelA()).orElse(Double.NaN);
        double beforeB = state.elo().rating(battle.modelB()).orElse(Double.NaN);
        state.count(battle);
        version++;
        return load.ready() ? rows.standings(state, battle, beforeA, beforeB, hidden.now()) : null;
    }

    /** The main board: every model shown, ranked among the models shown. */
    public List<MainRow> mainBoard() {
        Set<String> hiddenNow = hidden.now();
        List<MainRow> ranked;
        synchronized (this) {
            ranked = rows.main(state, hiddenNow);
        }
        return ranked.stream().filter(r -> !hiddenNow.contains(r.model())).toList();
    }

    /** The ELO board: every model shown, ranked among the models shown. */
    public List<EloRow> eloBoard() {
        Set<String> hiddenNow = hidden.now();
        List<EloRow> ranked;
        synchronized (this) {
            ranked = rows.elo(state, hiddenNow);
        }
        return ranked.stream().filter(r -> !hiddenNow.contains(r.model())).toList();
    }

    /** The main and ELO boards of one prompt category, and the battles they count, in vote order. */
    public record CategoryRows(List<CountedBattle> battles, List<MainRow> main, List<EloRow> elo) {}

    /**
     * The main and ELO boards from one category's counted battles, replayed from the log on each
     * call (callers cache them): kept in memory per category, every vote would update them all.
     */
    public CategoryRows category(String category) {
        List<CountedBattle> battles = log.categories().countedInVoteOrder(category, countsFlagged());
        BoardState categoryState = replay.of(battles);
        Set<String> hiddenNow = hidden.now();
        return new CategoryRows(
                battles,
                rows.main(categoryState, hiddenNow).stream()
                        .filter(r -> !hiddenNow.contains(r.model()))
                        .toList(),
                rows.elo(categoryState, hiddenNow).stream()
                        .filter(r -> !hiddenNow.contains(r.model()))
                        .toList());
    }

    /** Every listed model's rating after each battle, replayed from the log. */
    public ChartData.EloHistory eloHistory() {
        return log.withWritesPaused(() -> {
            synchronized (this) {
                return ChartData.eloHistory(replay.allCounted(), state.freshElo(), ChartData.modelsOf(mainBoard()));
            }
        });
    }

    /** Results of every pair of models that have met. */
    public synchronized ChartData.HeadToHead headToHead() {
        return ChartData.headToHead(state.table(), ChartData.modelsOf(mainBoard()));
    }

    /** Counts of battles per model, for matchmaking. */
    public synchronized SortedMap<String, WinLossTable.Tally> totals() {
        return state.table().totals();
    }

    /** Per-model and per-opponent counts as leaderboard.json stores them, taken at one instant. */
    public synchronized LeaderboardJson.Counts counts() {
        return state.jsonCounts();
    }

    /** The counted battles collapsed per pair, as the Bradley-Terry fit needs them (see {@link BoardState#pairTallies}). */
    public synchronized List<PairCounts.Tally> pairTallies() {
        return state.pairTallies();
    }
}
