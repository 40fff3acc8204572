package org.gpupoor.arena.rating;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * 95% confidence intervals for Bradley-Terry ratings: refit on resamples of the battle counts
 * (each round draws as many battles as the log holds, with replacement), seeded so the same log
 * always gives the same intervals.
 */
public final class Bootstrap {
    /** Per model, in the order of {@link PairCounts#models()}. */
    public record Intervals(double[] low, double[] high) {
    }

    private Bootstrap() {
    }

    public static Intervals intervals(PairCounts counts, int rounds, long seed, double anchor) {
        List<PairCounts.Row> rows = counts.rows();
        int n = counts.models().size();
        long total = counts.battles();
        double[] cumulative = new double[rows.size()];
        double running = 0;
        for (int i = 0; i < rows.size(); i++) {
            running += rows.get(i).count();
            cumulative[i] = running / total;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] samples = new double[n][rounds];
        for (int round = 0; round < rounds; round++) {
            int[] drawn = new int[rows.size()];
            for (long k = 0; k < total; k++) {
                int at = Arrays.binarySearch(cumulative, random.nextDouble());
                drawn[at >= 0 ? at : Math.min(-at - 1, rows.size() - 1)]++;
            }
            double[] ratings = BradleyTerry.fit(counts.withCounts(drawn), anchor);
            for (int m = 0; m < n; m++) {
                samples[m][round] = ratings[m];
            }
        }
        double[] low = new double[n];
        double[] high = new double[n];
        for (int m = 0; m < n; m++) {
            Arrays.sort(samples[m]);
            low[m] = quantile(samples[m], 0.025);
            high[m] = quantile(samples[m], 0.975);
        }
        return new Intervals(low, high);
    }

    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** 1 + how many models are surely better: their lower bound is above this model's upper bound. */
    public static int[] rankUpperBounds(Intervals intervals) {
        int n = intervals.low().length;
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            int better = 0;
            for (int j = 0; j < n; j++) {
                if (intervals.low()[j] > intervals.high()[i]) {
                    better++;
                }
            }
            ranks[i] = 1 + better;
        }
        return ranks;
    }
}
