package org.gpupoor.arena.leaderboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.concurrent.Debounced;
import org.gpupoor.arena.config.Ratings;
import org.gpupoor.arena.rating.Bootstrap;
import org.gpupoor.arena.rating.BradleyTerry;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Fragility;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.store.BattleLog;

/**
 * The Bradley-Terry board with 95% intervals, and each model's speed. Fitting and bootstrapping
 * take real time on a big log, so they run in the background a moment after votes (a burst of
 * votes is one refit), and the board serves the last result; a vote never waits for them.
 */
public final class StrengthBoard {
    static final long SEED = 42;
    private static final long DEBOUNCE_MILLIS = 1000;

    /**
     * One model's rating, its 95% interval, the best rank it can claim with confidence, and its
     * size and speed. {@code fieldScore} is its predicted chance of beating an average opponent on
     * the board; {@code strengthPerB} is that per billion parameters. {@code regularised}: the
     * battles alone give this model no finite rating (it never lost, never won, or its group never
     * met the rest), so it is placed with the help of virtual battles. {@code bothBadRate}: its
     * share of battles voted "both are bad". {@code flipVotes}: the fewest votes whose removal
     * would swap it with the next model down (null for the last, or where not computed).
     * {@code retired}: it battles no more (removed from the config, or an older version of a tag
     * pulled again); {@code since}: when this version of a re-pulled tag first battled, else null.
     */
    public record Row(
            String model,
            String name,
            Double sizeB,
            double rating,
            double ciLow,
            double ciHigh,
            int rankUpperBound,
            long battles,
            boolean provisional,
            boolean regularised,
            double fieldScore,
            Double strengthPerB,
            ModelSpeed speed,
            double bothBadRate,
            Integer flipVotes,
            boolean retired,
            String since) {

        Row withFlipVotes(Integer votes) {
            return with(name, rankUpperBound, votes, retired, since);
        }

        Row withRankUpperBound(int rank) {
            return with(name, rank, flipVotes, retired, since);
        }

        Row asEntrant(String entrantName, boolean isRetired, Instant firstBattled) {
            return with(
                    entrantName,
                    rankUpperBound,
                    flipVotes,
                    isRetired,
                    firstBattled == null ? null : firstBattled.toString());
        }

        private Row with(String newName, int rank, Integer votes, boolean isRetired, String firstBattled) {
            return new Row(
                    model,
                    newName,
                    sizeB,
                    rating,
                    ciLow,
                    ciHigh,
                    rank,
                    battles,
                    provisional,
                    regularised,
                    fieldScore,
                    strengthPerB,
                    speed,
                    bothBadRate,
                    votes,
                    isRetired,
                    firstBattled);
        }
    }

    /**
     * Head to head, rows and columns in board order: battles per pair, how often the row model
     * actually won (ties as halves; null where they never met), and how often the fit predicts it wins.
     */
    public record Matrix(
            List<String> models, List<String> names, long[][] battles, Double[][] observed, double[][] predicted) {
        static final Matrix EMPTY =
                new Matrix(List.of(), List.of(), new long[0][0], new Double[0][0], new double[0][0]);
    }

    /**
     * The board, its matrices, every known model's speed, how many counted battles they were
     * fitted on, and the anchor in force (a model only once it has enough battles, else the mean).
     */
    public record Result(
            long battles, List<Row> rows, Matrix matrix, Map<String, ModelSpeed> speeds, BradleyTerry.Anchor anchor) {
        static final Result EMPTY = new Result(0, List.of(), Matrix.EMPTY, Map.of(), BradleyTerry.Anchor.MEAN_1000);

        public ModelSpeed speedOf(String model) {
            return speeds.getOrDefault(model, ModelSpeed.NONE);
        }
    }

    private final BattleLog battleLog;
    private final Leaderboard leaderboard;
    private final ModelCatalog catalog;
    private final ModelSizes modelSizes;
    private final Ratings settings;
    private final boolean includeFlagged;
    private final Debounced refit;
    private final SpeedWindows speedWindows;
    private volatile Result current = Result.EMPTY;
    private final AtomicLong version = new AtomicLong();

    public StrengthBoard(
            BattleLog battleLog,
            Leaderboard leaderboard,
            ModelCatalog catalog,
            ModelSizes modelSizes,
            Ratings settings,
            boolean includeFlagged,
            ScheduledExecutorService background) {
        this.includeFlagged = includeFlagged;
        this.battleLog = battleLog;
        this.leaderboard = leaderboard;
        this.catalog = catalog;
        this.modelSizes = modelSizes;
        this.settings = settings;
        this.speedWindows = new SpeedWindows(battleLog);
        this.refit = new Debounced(
                "Bradley-Terry recompute",
                background,
                Duration.ofMillis(DEBOUNCE_MILLIS),
                Duration.ZERO,
                this::recomputeNow);
    }

    public Result current() {
        return current;
    }

    /** Grows with every refit. */
    public long version() {
        return version.get();
    }

    /** Throws while the first fit has not landed: a board not fitted yet is not an empty board. */
    public void requireFitted() {
        if (version.get() == 0) {
            throw BoardsUnavailableException.loading();
        }
    }

    /** Asks for a refit soon; calls that arrive before it starts share it (a burst of votes is one refit). */
    public void requestRecompute() {
        refit.request();
    }

    /** The log was rewritten (a vote voided): the speeds are read from it again, then refitted. */
    public void logRewritten() {
        speedWindows.forget();
        requestRecompute();
    }

    public void recomputeNow() {
        // The live boards already hold the counts per pair: no need to read a million votes again,
        // unless a tag was pulled again and its versions are separate entrants.
        Entrants entrants = new Entrants(battleLog.modelVersions());
        PairCounts counts = PairCounts.fromTallies(
                entrants.any()
                        ? entrants.tallies(battleLog.versionTallies(includeFlagged))
                        : leaderboard.pairTallies());
        Map<String, Double> tagSizes = modelSizes.of(
                counts.models().stream().map(Entrants::tagOf).distinct().toList());
        Map<String, Double> sizes = new HashMap<>();
        counts.models().forEach(key -> {
            Double size = tagSizes.get(Entrants.tagOf(key));
            if (size != null) {
                sizes.put(key, size);
            }
        });
        TreeSet<String> models = new TreeSet<>(counts.models());
        catalog.current().models().forEach(e -> models.add(e.tag()));
        Map<String, ModelSpeed> speeds = speedWindows.speeds(models);
        Result fresh = compute(
                counts,
                new BradleyTerry.Anchor(settings.anchorModel(), settings.anchorRating()),
                settings.minBattles(),
                settings.bootstrapRounds(),
                settings.priorBattles(),
                sizes,
                speeds,
                tag -> catalog.find(tag).map(CatalogEntry::name).orElse(tag));
        current = entrants.relabel(fresh, catalog);
        version.incrementAndGet();
    }

    /** The board fitted on these battles alone (one category's), with the speeds of the last refit. */
    public Result fittedOn(List<CountedBattle> battles) {
        PairCounts counts = PairCounts.of(battles);
        return compute(
                counts,
                new BradleyTerry.Anchor(settings.anchorModel(), settings.anchorRating()),
                settings.minBattles(),
                settings.bootstrapRounds(),
                settings.priorBattles(),
                modelSizes.of(counts.models()),
                current.speeds(),
                tag -> catalog.find(tag).map(CatalogEntry::name).orElse(tag));
    }

    /**
     * The board from the collapsed counts alone; also what the offline recompute prints. The fit
     * and the intervals pin the mean at the anchor rating; when the anchor is a model with at
     * least {@code minBattles} battles, everything then moves by one constant so that model sits
     * at the anchor rating. Gaps, intervals' widths and confident ranks never depend on the anchor.
     * {@code priorBattles} (0: none) shrinks every rating toward the field by that many virtual battles.
     */
    public static Result compute(
            PairCounts counts,
            BradleyTerry.Anchor anchor,
            int minBattles,
            int rounds,
            double priorBattles,
            Map<String, Double> sizes,
            Map<String, ModelSpeed> speeds,
            Function<String, String> names) {
        if (counts.rows().isEmpty()) {
            return new Result(
                    0, List.of(), Matrix.EMPTY, Map.copyOf(speeds), BradleyTerry.Anchor.mean(anchor.rating()));
        }
        double[] ratings = BradleyTerry.fit(counts, anchor.rating(), priorBattles);
        boolean[] regularised = BradleyTerry.regularised(counts);
        Bootstrap.Intervals ci = Bootstrap.intervals(counts, rounds, SEED, anchor.rating(), priorBattles);
        int[] ranks = Bootstrap.rankUpperBounds(ci);
        long[] played = counts.battlesPerModel();
        long[] bothBad = counts.bothBadPerModel();
        int pinned = anchor.model() == null ? -1 : counts.models().indexOf(anchor.model());
        boolean modelHolds = pinned >= 0 && played[pinned] >= Math.max(1, minBattles);
        double shift = modelHolds ? anchor.rating() - ratings[pinned] : 0;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ratings.length; i++) {
            String model = counts.models().get(i);
            double fieldScore = fieldScore(ratings, i);
            Double size = sizes.get(model);
            rows.add(new Row(
                    model,
                    names.apply(model),
                    size,
                    round(ratings[i] + shift),
                    round(ci.low()[i] + shift),
                    round(ci.high()[i] + shift),
                    ranks[i],
                    played[i],
                    played[i] < minBattles,
                    regularised[i],
                    round3(fieldScore),
                    size == null ? null : round3(fieldScore / size),
                    speeds.getOrDefault(model, ModelSpeed.NONE),
                    played[i] == 0 ? 0 : round3((double) bothBad[i] / played[i]),
                    null,
                    false,
                    null));
        }
        rows.sort(Comparator.comparingDouble(Row::rating).reversed().thenComparing(Row::name));
        List<Fragility.Margin> margins =
                Fragility.ofBoard(counts, rows.stream().map(Row::model).toList());
        for (int k = 0; k < rows.size(); k++) {
            rows.set(k, rows.get(k).withFlipVotes(margins.get(k).votes()));
        }
        return new Result(
                counts.battles(),
                List.copyOf(rows),
                MatrixOf.board(counts, ratings, rows),
                Map.copyOf(speeds),
                modelHolds ? anchor : BradleyTerry.Anchor.mean(anchor.rating()));
    }

    /** The mean predicted chance of beating each other model on the board (0.5 when alone). */
    static double fieldScore(double[] ratings, int i) {
        if (ratings.length < 2) {
            return 0.5;
        }
        double sum = 0;
        for (int j = 0; j < ratings.length; j++) {
            if (j != i) {
                sum += BradleyTerry.winProbability(ratings[i], ratings[j]);
            }
        }
        return sum / (ratings.length - 1);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
