package org.gpupoor.arena.leaderboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.leaderboard.BoardRows.EloRow;
import org.gpupoor.arena.leaderboard.BoardRows.MainRow;
import org.gpupoor.arena.leaderboard.BoardRows.Standing;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.MainScore;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.rating.WinLossTable;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.LoggedVote;

/**
 * The boards, kept in memory and updated per vote. They are a pure function of the battle log:
 * on start (and whenever the catalog's sizes change: see {@link #rebuild}) they are rebuilt by
 * replaying it. Reading a board never replays: a replay holds up every vote.
 */
public final class Leaderboard {
    private final BattleLog log;
    private final ModelCatalog catalog;
    private final ModelSizes modelSizes;
    private final HiddenModels hidden;
    private final boolean countFlagged;
    private WinLossTable table = new WinLossTable();
    private SizeAdjustedElo elo;
    private Map<String, Double> sizes = Map.of();
    private double maxSize = 1;
    private volatile long version;
    /** The place in the log of the last vote the boards have taken in (counted or not). */
    private long appliedSeq;

    /** @param countFlagged whether battles whose answers gave their authors away count */
    public Leaderboard(BattleLog log, ModelCatalog catalog, ModelSizes modelSizes, HiddenModels hidden, boolean countFlagged) {
        this.log = log;
        this.catalog = catalog;
        this.modelSizes = modelSizes;
        this.hidden = hidden;
        this.countFlagged = countFlagged;
        rebuild();
    }

    /**
     * Replays the whole log; waits for in-flight votes so none is counted twice or missed. Called
     * at start, after a vote is voided, and when the catalog's sizes change (never on a read).
     */
    public void rebuild() {
        log.withWritesPaused(() -> {
            synchronized (this) {
                // The place first, then the votes up to it: on a shared log others vote meanwhile,
                // and their later votes must reach the boards once, through catchUp.
                long upTo = log.lastVoteSeq();
                List<CountedBattle> history = log.countedInVoteOrder(countFlagged, upTo);
                sizes = modelSizes.of(modelsIn(history));
                maxSize = catalog.largestApprovedSize()
                        .orElse(sizes.values().stream().max(Double::compare).orElse(1.0));
                WinLossTable freshTable = new WinLossTable();
                SizeAdjustedElo freshElo = new SizeAdjustedElo(sizes, maxSize);
                for (CountedBattle b : history) {
                    freshTable.record(b);
                    freshElo.apply(b);
                }
                table = freshTable;
                elo = freshElo;
                appliedSeq = upTo;
                version++;
            }
            return null;
        });
    }

    private static Set<String> modelsIn(List<CountedBattle> history) {
        Set<String> models = new HashSet<>();
        for (CountedBattle b : history) {
            models.add(b.modelA());
            models.add(b.modelB());
        }
        return models;
    }

    /** Grows with every counted vote and every rebuild: the boards at one version are always the same. */
    public long version() {
        return version;
    }

    /** Whether a battle flagged for an identity giveaway counts on the boards. */
    public boolean countsFlagged() {
        return countFlagged;
    }

    /**
     * On a shared log: counts the votes other instances put in the log up to {@code upToSeq},
     * in log order, and returns how many counted. Call with the log's writes paused.
     */
    public synchronized int catchUp(long upToSeq) {
        int counted = 0;
        for (LoggedVote vote : log.votesBetween(appliedSeq, upToSeq, countFlagged)) {
            if (vote.battle() != null) {
                table.record(vote.battle());
                elo.apply(vote.battle());
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
        catchUp(seq - 1);
        appliedSeq = Math.max(appliedSeq, seq);
    }

    /** Counts one vote; call in log order (the battle log's write lock guarantees it). */
    public synchronized Map<String, Standing> apply(CountedBattle battle) {
        double beforeA = elo.rating(battle.modelA()).orElse(Double.NaN);
        double beforeB = elo.rating(battle.modelB()).orElse(Double.NaN);
        table.record(battle);
        elo.apply(battle);
        version++;
        Set<String> hiddenNow = hidden.now();
        List<MainRow> mainRows = mainRows(hiddenNow);
        List<EloRow> eloRows = eloRows(hiddenNow);
        return Map.of("a", standing(battle.modelA(), beforeA, mainRows, eloRows),
                "b", standing(battle.modelB(), beforeB, mainRows, eloRows));
    }

    /** Where a voted model stands: its rows as ranked for the boards (no rank if it is hidden). */
    private static Standing standing(String model, double before, List<MainRow> mainRows, List<EloRow> eloRows) {
        MainRow main = mainRows.stream().filter(r -> r.model().equals(model)).findFirst().orElseThrow();
        EloRow eloRow = eloRows.stream().filter(r -> r.model().equals(model)).findFirst().orElseThrow();
        Double change = eloRow.rating() == null || Double.isNaN(before) ? null : eloRow.rating() - before;
        return new Standing(main, eloRow, change);
    }

    /** The main board: every model shown, ranked among the models shown. */
    public List<MainRow> mainBoard() {
        Set<String> hiddenNow = hidden.now();
        return mainRows(hiddenNow).stream().filter(r -> !hiddenNow.contains(r.model())).toList();
    }

    /** The ELO board: every model shown, ranked among the models shown. */
    public List<EloRow> eloBoard() {
        Set<String> hiddenNow = hidden.now();
        return eloRows(hiddenNow).stream().filter(r -> !hiddenNow.contains(r.model())).toList();
    }

    /** Every listed model's rating after each battle, replayed from the log. */
    public ChartData.EloHistory eloHistory() {
        return log.withWritesPaused(() -> {
            synchronized (this) {
                return ChartData.eloHistory(log.countedInVoteOrder(countFlagged), new SizeAdjustedElo(sizes, maxSize), chartModels());
            }
        });
    }

    /** Results of every pair of models that have met. */
    public synchronized ChartData.HeadToHead headToHead() {
        return ChartData.headToHead(table, chartModels());
    }

    /** Models with counted battles, in main-board order. */
    private List<ChartData.Model> chartModels() {
        return mainBoard().stream().filter(r -> r.battles() > 0).map(r -> new ChartData.Model(r.model(), r.name())).toList();
    }

    /** Counts of battles per model, for matchmaking. */
    public synchronized SortedMap<String, WinLossTable.Tally> totals() {
        return table.totals();
    }

    /** Per-model and per-opponent counts as leaderboard.json stores them, taken at one instant. */
    public synchronized LeaderboardJson.Counts counts() {
        Map<String, SortedMap<String, WinLossTable.Tally>> opponents = new HashMap<>();
        SortedMap<String, WinLossTable.Tally> totals = table.totals();
        totals.keySet().forEach(model -> opponents.put(model, table.opponentsOf(model)));
        return new LeaderboardJson.Counts(totals, opponents);
    }

    /**
     * The counted battles collapsed per pair, as the Bradley-Terry fit needs them: for each pair
     * (first model in name order as "A"), its wins, its losses and the ties of both kinds.
     */
    public synchronized List<PairCounts.Tally> pairTallies() {
        List<PairCounts.Tally> tallies = new ArrayList<>();
        for (String model : table.totals().keySet()) {
            table.opponentsOf(model).forEach((opponent, t) -> {
                if (model.compareTo(opponent) < 0) {
                    tallies.add(new PairCounts.Tally(model, opponent, Outcome.A, t.wins()));
                    tallies.add(new PairCounts.Tally(model, opponent, Outcome.B, t.losses()));
                    tallies.add(new PairCounts.Tally(model, opponent, Outcome.TIE, t.ties()));
                }
            });
        }
        return tallies;
    }

    private synchronized List<MainRow> mainRows(Set<String> hiddenNow) {
        List<MainRow> rows = new ArrayList<>();
        for (String model : listedModels()) {
            WinLossTable.Tally t = table.total(model);
            rows.add(new MainRow(null, model, nameOf(model), sizes.get(model), t.wins(), t.losses(), t.ties(),
                    t.battles(), MainScore.winRate(t), MainScore.score(t)));
        }
        return Ranks.main(rows, hiddenNow);
    }

    private synchronized List<EloRow> eloRows(Set<String> hiddenNow) {
        List<EloRow> rows = new ArrayList<>();
        for (String model : listedModels()) {
            Double size = sizes.get(model);
            SizeAdjustedElo.Impact impact = elo.impact(model);
            rows.add(new EloRow(null, model, nameOf(model), size, elo.rating(model).orElse(null),
                    size == null ? null : SizeAdjustedElo.initialRating(size), impact.wins(), impact.losses(),
                    table.total(model).battles()));
        }
        return Ranks.elo(rows, hiddenNow);
    }

    /** Every approved model, plus any model that has counted battles but left the config. */
    private TreeSet<String> listedModels() {
        TreeSet<String> models = new TreeSet<>(table.totals().keySet());
        for (CatalogEntry e : catalog.current().models()) {
            if (e.state() != CatalogEntry.State.TOO_LARGE) {
                models.add(e.tag());
            }
        }
        return models;
    }

    private String nameOf(String model) {
        return catalog.find(model).map(CatalogEntry::name).orElse(model);
    }
}
