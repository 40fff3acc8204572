package org.gpupoor.arena.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gpupoor.arena.rating.Bootstrap;
import org.gpupoor.arena.rating.BradleyTerry;
import org.gpupoor.arena.rating.ControlledFit;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.CovariateBattle;
import org.gpupoor.arena.rating.Fragility;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.rating.WinLossTable;

/**
 * The ratings benchmark's second table: every fit a full recompute can run, on simulated logs held
 * in memory (no database), so the fits alone are timed against each other.
 */
final class FitsBenchmark {
    private static final List<String> STYLE = List.of("length", "headers", "list items", "bold");
    private static final List<String> SPEED = List.of("tokens/s", "first token");
    private static final int CATEGORIES = 5;

    private FitsBenchmark() {}

    static void table(List<Integer> sizes, int models, int repeats, PrintStream out) {
        out.println(
                "| Battles | Main + ELO replay | Collapse + Bradley-Terry fit | 100 bootstrap rounds | 5 category boards | Controlled fit, 4 style features | Controlled fit, 2 speed features | Fragility, all neighbour pairs | **All fits** | Votes to swap neighbours: min / median |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int battles : sizes) {
            out.println(row(battles, models, repeats));
        }
        out.println();
        out.println(
                "All fits = main + ELO replay + collapse + Bradley-Terry fit + bootstrap + five category boards (each a fit,"
                        + " 100 bootstrap rounds and fragility on its share) + both controlled fits + fragility, from battles in memory.");
    }

    private static String row(int battles, int models, int repeats) {
        double[] truth = new double[models];
        for (int i = 0; i < models; i++) {
            truth[i] = 800 + 8 * i;
        }
        List<CountedBattle> plain = RatingsBenchmark.simulate(truth, battles, new SplittableRandom(battles));
        SplittableRandom random = new SplittableRandom(battles + 1);
        List<CovariateBattle> style = new ArrayList<>(battles);
        List<CovariateBattle> speed = new ArrayList<>(battles);
        for (CountedBattle b : plain) {
            int a = index(b.modelA());
            int c = index(b.modelB());
            double[] s = new double[STYLE.size()];
            for (int k = 0; k < s.length; k++) {
                s[k] = ControlledFit.normalisedDifference(habit(a, k, random), habit(c, k, random));
            }
            double[] v = {
                ControlledFit.logRatio(habit(a, 4, random), habit(c, 4, random)),
                ControlledFit.logRatio(habit(a, 5, random), habit(c, 5, random))
            };
            style.add(new CovariateBattle(b.modelA(), b.modelB(), b.outcome(), s));
            speed.add(new CovariateBattle(b.modelA(), b.modelB(), b.outcome(), v));
        }
        // Five topics, as the classifier's: each battle in one, a fifth in a second one too.
        List<List<CountedBattle>> categories = new ArrayList<>();
        for (int k = 0; k < CATEGORIES; k++) {
            categories.add(new ArrayList<>());
        }
        for (int i = 0; i < plain.size(); i++) {
            categories.get(i % CATEGORIES).add(plain.get(i));
            if (i % 5 == 0) {
                categories.get((i / 5) % CATEGORIES).add(plain.get(i));
            }
        }
        Map<String, Double> sizes = new HashMap<>();
        for (int i = 0; i < models; i++) {
            sizes.put(RatingsBenchmark.tag(i), RatingsBenchmark.size(i));
        }
        double[][] times = new double[7][repeats];
        int[] votes = null;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            WinLossTable table = new WinLossTable();
            SizeAdjustedElo elo = new SizeAdjustedElo(sizes, 9.0);
            for (CountedBattle b : plain) {
                table.record(b);
                elo.apply(b);
            }
            long t1 = System.nanoTime();
            PairCounts counts = PairCounts.of(plain);
            double[] fitted = BradleyTerry.fit(counts, 1000);
            long t2 = System.nanoTime();
            Bootstrap.intervals(counts, 100, 42, 1000);
            long t3 = System.nanoTime();
            // The boards of different categories share nothing, so they use both cores, as readers
            // asking for two categories at once would.
            categories.parallelStream().forEach(category -> {
                PairCounts own = PairCounts.of(category);
                double[] ratings = BradleyTerry.fit(own, 1000);
                Bootstrap.intervals(own, 100, 42, 1000);
                Fragility.ofBoard(own, boardOrder(own, ratings));
            });
            long t4 = System.nanoTime();
            ControlledFit.fit(style, STYLE, 1000);
            long t5 = System.nanoTime();
            ControlledFit.fit(speed, SPEED, 1000);
            long t6 = System.nanoTime();
            List<Fragility.Margin> margins = Fragility.ofBoard(counts, boardOrder(counts, fitted));
            long t7 = System.nanoTime();
            long[] marks = {t0, t1, t2, t3, t4, t5, t6, t7};
            for (int step = 0; step < times.length; step++) {
                times[step][r] = Measure.millis(marks[step + 1] - marks[step]);
            }
            votes = margins.stream()
                    .filter(m -> m.votes() != null)
                    .mapToInt(Fragility.Margin::votes)
                    .sorted()
                    .toArray();
        }
        double[] all = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            for (double[] step : times) {
                all[r] += step[r];
            }
        }
        return String.format(
                Locale.ROOT,
                "| %,d | %s | %s | %s | %s | %s | %s | %s | **%s** | %s |",
                battles,
                Measure.ms(Measure.median(times[0])),
                Measure.ms(Measure.median(times[1])),
                Measure.ms(Measure.median(times[2])),
                Measure.ms(Measure.median(times[3])),
                Measure.ms(Measure.median(times[4])),
                Measure.ms(Measure.median(times[5])),
                Measure.ms(Measure.median(times[6])),
                Measure.ms(Measure.median(all)),
                votes.length == 0 ? "-" : votes[0] + " / " + votes[votes.length / 2]);
    }

    private static List<String> boardOrder(PairCounts counts, double[] ratings) {
        return IntStream.range(0, ratings.length)
                .boxed()
                .sorted(Comparator.comparingDouble(i -> -ratings[i]))
                .map(counts.models()::get)
                .toList();
    }

    /** Model i's measurement k in one battle (token counts, markdown counts, speeds): its own habit plus noise. */
    private static double habit(int model, int k, SplittableRandom random) {
        double typical = k < 4 ? 20 + (model * 7 + k * 13) % 40 : 10 + (model * 3 + k) % 30;
        return random.nextInt(20) == 0 ? 0 : typical * Math.exp(0.3 * random.nextGaussian());
    }

    private static int index(String tag) {
        return Integer.parseInt(tag.substring("model".length(), tag.indexOf(':')));
    }
}
