package org.gpupoor.arena.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.rating.Bootstrap;
import org.gpupoor.arena.rating.BradleyTerry;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.store.BattleLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bradley-Terry board with 95% intervals. Fitting and bootstrapping take real time on a big
 * log, so they run in the background a moment after votes (a burst of votes is one refit), and
 * the board serves the last result; a vote never waits for them.
 */
public final class StrengthBoard {
    private static final Logger log = LoggerFactory.getLogger(StrengthBoard.class);
    static final double ANCHOR = 1000;
    static final int ROUNDS = 100;
    static final long SEED = 42;
    static final int PROVISIONAL_BELOW = 10;
    private static final long DEBOUNCE_MILLIS = 1000;

    /** One model's rating, its 95% interval and the best rank it can claim with confidence. */
    public record Row(String model, String name, double rating, double ciLow, double ciHigh, int rankUpperBound,
                      long battles, boolean provisional) {
    }

    /**
     * Head to head, rows and columns in board order: battles per pair, how often the row model
     * actually won (ties as halves; null where they never met), and how often the fit predicts it wins.
     */
    public record Matrix(List<String> models, long[][] battles, Double[][] observed, double[][] predicted) {
        static final Matrix EMPTY = new Matrix(List.of(), new long[0][0], new Double[0][0], new double[0][0]);
    }

    /** The board, its matrices, and how many counted battles they were fitted on. */
    public record Result(long battles, List<Row> rows, Matrix matrix) {
    }

    private final BattleLog battleLog;
    private final ModelCatalog catalog;
    private final boolean countFlagged;
    private final ScheduledExecutorService background;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Result current = new Result(0, List.of(), Matrix.EMPTY);

    public StrengthBoard(BattleLog battleLog, ModelCatalog catalog, boolean countFlagged, ScheduledExecutorService background) {
        this.battleLog = battleLog;
        this.catalog = catalog;
        this.countFlagged = countFlagged;
        this.background = background;
    }

    public Result current() {
        return current;
    }

    /** Asks for a refit soon; calls that arrive before it starts share it. */
    public void requestRecompute() {
        if (pending.compareAndSet(false, true)) {
            background.schedule(() -> {
                pending.set(false);
                try {
                    recomputeNow();
                } catch (RuntimeException e) {
                    log.error("Bradley-Terry recompute failed", e);
                }
            }, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    public void recomputeNow() {
        current = compute(battleLog.countedInVoteOrder(countFlagged));
    }

    private Result compute(List<CountedBattle> history) {
        if (history.isEmpty()) {
            return new Result(0, List.of(), Matrix.EMPTY);
        }
        PairCounts counts = PairCounts.of(history);
        double[] ratings = BradleyTerry.fit(counts, ANCHOR);
        Bootstrap.Intervals ci = Bootstrap.intervals(counts, ROUNDS, SEED, ANCHOR);
        int[] ranks = Bootstrap.rankUpperBounds(ci);
        Map<String, Long> battles = new HashMap<>();
        for (PairCounts.Row r : counts.rows()) {
            battles.merge(counts.models().get(r.a()), (long) r.count(), Long::sum);
            battles.merge(counts.models().get(r.b()), (long) r.count(), Long::sum);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ratings.length; i++) {
            String model = counts.models().get(i);
            long played = battles.getOrDefault(model, 0L);
            rows.add(new Row(model, catalog.find(model).map(e -> e.name()).orElse(model), round(ratings[i]),
                    round(ci.low()[i]), round(ci.high()[i]), ranks[i], played, played < PROVISIONAL_BELOW));
        }
        rows.sort(Comparator.comparingDouble(Row::rating).reversed());
        return new Result(history.size(), List.copyOf(rows), matrix(counts, ratings, rows));
    }

    private static Matrix matrix(PairCounts counts, double[] ratings, List<Row> rows) {
        int n = rows.size();
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = counts.models().indexOf(rows.get(k).model());
        }
        double[][] halfWins = counts.halfWins();
        long[][] battles = new long[n][n];
        Double[][] observed = new Double[n][n];
        double[][] predicted = new double[n][n];
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                int i = order[x];
                int j = order[y];
                double games = x == y ? 0 : halfWins[i][j] + halfWins[j][i];
                battles[x][y] = Math.round(games);
                observed[x][y] = games > 0 ? Math.round(halfWins[i][j] / games * 1000) / 1000.0 : null;
                predicted[x][y] = x == y ? 0.5 : Math.round(BradleyTerry.winProbability(ratings[i], ratings[j]) * 1000) / 1000.0;
            }
        }
        return new Matrix(rows.stream().map(Row::model).toList(), battles, observed, predicted);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
