package org.gpupoor.arena.rating;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * 95% confidence intervals for Bradley-Terry ratings by the Poisson bootstrap: each round weighs
 * every logged battle by an independent Poisson(1) draw, so a row of the collapsed counts seen
 * {@code c} times is drawn Poisson(c) times. For logs of more than a handful of battles this is
 * the classic resampling with replacement, but a round costs one draw per row instead of one per
 * battle. Rounds are seeded from one seed, so the same log always gives the same intervals, and
 * run in parallel; each refit is a few Newton steps from the full fit, which it stays close to.
 * A resample can lack a maximum-likelihood fit where the log has one (a model that lost only
 * once may never lose in it): each round gets the same virtual battles, by the same rule, as a
 * full fit of that resample would, so every interval stays finite.
 */
public final class Bootstrap {
    /** Per model, in the order of {@link PairCounts#models()}. */
    public record Intervals(double[] low, double[] high) {}

    private Bootstrap() {}

    /**
     * Intervals with every round's mean at {@code meanRating}. The scale is pinned by the mean,
     * never by one model: pinning a model would give it a zero-wide interval and widen everyone
     * else's by its uncertainty, changing the confident ranks with the choice of anchor.
     */
    public static Intervals intervals(PairCounts counts, int rounds, long seed, double meanRating) {
        return intervals(counts, rounds, seed, meanRating, 0);
    }

    /** The same with {@code priorBattles} virtual battles per model in every round, as in the fit. */
    public static Intervals intervals(
            PairCounts counts, int rounds, long seed, double meanRating, double priorBattles) {
        List<PairCounts.Row> rows = counts.rows();
        int n = counts.models().size();
        double[] start = BradleyTerry.unshifted(VirtualGames.added(counts.halfWins(), priorBattles), null);
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] perRound = new SplittableRandom[rounds];
        for (int round = 0; round < rounds; round++) {
            perRound[round] = root.split();
        }
        double[][] byRound = IntStream.range(0, rounds)
                .parallel()
                .mapToObj(round -> {
                    SplittableRandom random = perRound[round];
                    long[] drawn = new long[rows.size()];
                    for (int k = 0; k < drawn.length; k++) {
                        drawn[k] = Poisson.sample(rows.get(k).count(), random);
                    }
                    double[][] wins = VirtualGames.added(counts.halfWins(drawn), priorBattles);
                    double[] fitted = NewtonFit.unshifted(wins, start);
                    return BradleyTerry.withMean(
                            fitted != null ? fitted : BradleyTerry.unshifted(wins, start), meanRating);
                })
                .toArray(double[][]::new);
        double[] low = new double[n];
        double[] high = new double[n];
        double[] samples = new double[rounds];
        for (int m = 0; m < n; m++) {
            for (int round = 0; round < rounds; round++) {
                samples[round] = byRound[round][m];
            }
            Arrays.sort(samples);
            low[m] = quantile(samples, 0.025);
            high[m] = quantile(samples, 0.975);
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
