package org.gpupoor.arena.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.ModelEntry;
import org.gpupoor.arena.config.OllamaSettings;
import org.gpupoor.arena.leaderboard.HiddenModels;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.leaderboard.ModelSizes;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.rating.Bootstrap;
import org.gpupoor.arena.rating.BradleyTerry;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.rating.WinLossTable;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.Database;
import org.gpupoor.arena.store.NewBattle;

/**
 * {@code java -jar gpu-poor-arena.jar bench-ratings}: simulated logs of 10k, 100k and 1M battles
 * over 50 models in a real SQLite file, timed through every step of a full recompute, plus the
 * work one vote does; then every fit (plain, bootstrap, controlled, fragility) on the same sizes
 * held in memory. Prints Markdown tables; timings are medians of a few repetitions. {@code
 * --battles 10000,100000} picks the sizes, {@code --fits-only} skips the first table.
 */
public final class RatingsBenchmark {
    private static final int MODELS = 50;
    private static final int REPEATS = 3;
    private static final int VOTES_TIMED = 2000;

    private RatingsBenchmark() {}

    public static int run(List<String> args, PrintStream out) throws IOException {
        int battlesFlag = args.indexOf("--battles");
        List<Integer> sizes = battlesFlag >= 0 && battlesFlag + 1 < args.size()
                ? Arrays.stream(args.get(battlesFlag + 1).split(","))
                        .map(String::strip)
                        .map(Integer::valueOf)
                        .toList()
                : List.of(10_000, 100_000, 1_000_000);
        Runtime jvm = Runtime.getRuntime();
        out.printf(
                Locale.ROOT,
                "Ratings benchmark: %d models, Java %s, %d cores, max heap %d MB%n%n",
                MODELS,
                System.getProperty("java.version"),
                jvm.availableProcessors(),
                jvm.maxMemory() >> 20);
        if (args.contains("--fits-only")) {
            FitsBenchmark.table(sizes, MODELS, REPEATS, out);
            return 0;
        }
        out.println(
                "| Battles | Load log (SQLite) | ELO replay | Bradley-Terry fit | 100 bootstrap rounds | Whole recompute | Server rebuild | Vote: board update p50 / p99 | Vote: durable insert p50 | Peak heap |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int battles : sizes) {
            Path dir = Files.createTempDirectory("arena-bench");
            try {
                out.println(row(battles, dir));
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted((x, y) -> y.compareTo(x))
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
        out.println();
        out.println(
                "Load = the counted battles in vote order; the fit collapses them to unique (A, B, outcome) counts first;");
        out.println("whole recompute = load + ELO + fit + bootstrap.");
        out.println(
                "Server rebuild = what a start or a size change costs the boards (load and replay, under the write lock).");
        out.println();
        FitsBenchmark.table(sizes, MODELS, REPEATS, out);
        return 0;
    }

    private static String row(int battles, Path dir) {
        ArenaConfig config = config();
        Database database = Database.open(dir.resolve("bench.db"));
        try (BattleLog log = new BattleLog(database.dataSource())) {
            double[] truth = new double[MODELS];
            Map<String, Double> sizes = new java.util.HashMap<>();
            for (int i = 0; i < MODELS; i++) {
                truth[i] = 800 + 8 * i;
                sizes.put(tag(i), size(i));
            }
            AtomicLong ids = new AtomicLong();
            log.importVoted(
                    simulate(truth, battles, new SplittableRandom(battles)),
                    Instant.now(),
                    () -> Long.toString(ids.incrementAndGet()));

            Measure.resetPeakHeap();
            double[] load = new double[REPEATS];
            double[] elo = new double[REPEATS];
            double[] fit = new double[REPEATS];
            double[] boot = new double[REPEATS];
            for (int r = 0; r < REPEATS; r++) {
                long t0 = System.nanoTime();
                List<CountedBattle> history = log.countedInVoteOrder(false);
                long t1 = System.nanoTime();
                WinLossTable table = new WinLossTable();
                SizeAdjustedElo ratings = new SizeAdjustedElo(sizes, 9.0);
                for (CountedBattle b : history) {
                    table.record(b);
                    ratings.apply(b);
                }
                long t2 = System.nanoTime();
                PairCounts counts = PairCounts.of(history);
                BradleyTerry.fit(counts, 1000);
                long t3 = System.nanoTime();
                Bootstrap.intervals(counts, 100, 42, 1000);
                long t4 = System.nanoTime();
                load[r] = Measure.millis(t1 - t0);
                elo[r] = Measure.millis(t2 - t1);
                fit[r] = Measure.millis(t3 - t2);
                boot[r] = Measure.millis(t4 - t3);
            }
            long peakHeap = Measure.peakHeap();
            double[] whole = new double[REPEATS];
            for (int r = 0; r < REPEATS; r++) {
                whole[r] = load[r] + elo[r] + fit[r] + boot[r];
            }

            OllamaGateway nowhere = new OllamaGateway(config, Executors.newSingleThreadExecutor());
            ModelCatalog catalog =
                    new ModelCatalog(config, nowhere, Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor());
            ModelSizes modelSizes = new ModelSizes(catalog, log);
            HiddenModels hidden = new HiddenModels(log);
            double rebuild = Measure.median(
                    Measure.timed(REPEATS, () -> new Leaderboard(log, catalog, modelSizes, hidden, false)));
            Leaderboard board = new Leaderboard(log, catalog, modelSizes, hidden, false);
            System.gc(); // the replays above left a million-battle list behind: collect it before timing votes
            double[] update = new double[VOTES_TIMED];
            SplittableRandom random = new SplittableRandom(7);
            for (int v = 0; v < VOTES_TIMED; v++) {
                CountedBattle battle = simulate(truth, 1, random).get(0);
                long t0 = System.nanoTime();
                board.apply(battle);
                update[v] = Measure.millis(System.nanoTime() - t0);
            }
            double[] insert = durableVotes(log, truth, random, 200);
            Arrays.sort(update);
            return String.format(
                    Locale.ROOT,
                    "| %,d | %s | %s | %s | %s | **%s** | %s | %.3f / %.3f ms | %.2f ms | %d MB |",
                    battles,
                    Measure.ms(Measure.median(load)),
                    Measure.ms(Measure.median(elo)),
                    Measure.ms(Measure.median(fit)),
                    Measure.ms(Measure.median(boot)),
                    Measure.ms(Measure.median(whole)),
                    Measure.ms(rebuild),
                    update[VOTES_TIMED / 2],
                    update[VOTES_TIMED * 99 / 100],
                    Measure.median(insert),
                    peakHeap >> 20);
        } finally {
            database.close();
        }
    }

    /** The vote's write as the server does it: one INSERT committed with synchronous=FULL. */
    private static double[] durableVotes(BattleLog log, double[] truth, SplittableRandom random, int votes) {
        AtomicLong ids = new AtomicLong();
        List<CountedBattle> battles = simulate(truth, votes, random);
        List<String> created = new ArrayList<>();
        for (CountedBattle b : battles) {
            String id = "vote-" + ids.incrementAndGet();
            log.insert(new NewBattle(id, Instant.now(), "bench", b.modelA(), b.modelB(), null, null));
            created.add(id);
        }
        double[] times = new double[votes];
        for (int v = 0; v < votes; v++) {
            long t0 = System.nanoTime();
            try {
                log.recordVote(created.get(v), battles.get(v).outcome(), Instant.now(), () -> {});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            times[v] = Measure.millis(System.nanoTime() - t0);
        }
        return times;
    }

    static List<CountedBattle> simulate(double[] truth, int battles, SplittableRandom random) {
        List<CountedBattle> log = new ArrayList<>(battles);
        for (int k = 0; k < battles; k++) {
            int i = random.nextInt(truth.length);
            int j = random.nextInt(truth.length - 1);
            j = j >= i ? j + 1 : j;
            double p = BradleyTerry.winProbability(truth[i], truth[j]);
            double u = random.nextDouble();
            Outcome o =
                    u < 0.1 ? (u < 0.05 ? Outcome.TIE : Outcome.BOTH_BAD) : u < 0.1 + 0.9 * p ? Outcome.A : Outcome.B;
            log.add(new CountedBattle(tag(i), tag(j), o));
        }
        return log;
    }

    private static ArenaConfig config() {
        List<ModelEntry> models = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            models.add(new ModelEntry(tag(i), "Model " + i, size(i)));
        }
        return ArenaConfig.builder()
                .name("Benchmark")
                .ollama(new OllamaSettings("http://127.0.0.1:9", null))
                .models(models)
                .build();
    }

    static String tag(int i) {
        return String.format(Locale.ROOT, "model%02d:latest", i);
    }

    static double size(int i) {
        return 0.5 + (i % 17) * 0.5;
    }
}
