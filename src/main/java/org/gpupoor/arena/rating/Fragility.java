package org.gpupoor.arena.rating;

import java.util.ArrayList;
import java.util.List;

/**
 * How few votes hold a board's order: for each model and the one below it, the fewest votes whose
 * removal puts the lower model level with or above the upper one when the rest are refitted.
 *
 * <p>The exact answer is a search over subsets of votes; this is a greedy approximation. Votes in
 * one cell of {@link PairCounts} (same pair, same outcome) are interchangeable, so only how many
 * to take from each cell matters. At each step the cell whose next vote shrinks the gap most, by
 * its first-order influence (one linear solve with the fit's information matrix), is chosen; as
 * many of its votes as that slope says are needed are removed and the board is refitted; once a
 * batch swaps the pair, a search with refits (interpolating, then bisecting) finds the fewest votes
 * of that last cell that do. So the answer always swaps the pair and one vote fewer from its last cell does not; it can
 * exceed the true minimum when a cleverer mix of cells exists. A fit is a few Newton steps on an
 * n by n table, whatever the number of battles, which keeps a whole board cheap.
 */
public final class Fragility {
    /** Swapping two fits this close would only be rounding, so level counts as swapped. */
    static final double LEVEL = 1e-6;

    /**
     * One row of a board: {@code votes} is how many removed votes put {@code next} level with or
     * above {@code model}, and {@code removed} which ones (as cells with how many votes each); 0
     * when it already is, null for the last row, a model without battles, or a pair no removal swaps.
     */
    public record Margin(String model, String next, Integer votes, List<PairCounts.Tally> removed) {}

    private final PairCounts counts;
    private final List<PairCounts.Row> rows;
    private final long[] original;
    private final double[] fitted;

    private Fragility(PairCounts counts) {
        this.counts = counts;
        this.rows = counts.rows();
        this.original = new long[rows.size()];
        for (int k = 0; k < original.length; k++) {
            original[k] = rows.get(k).count();
        }
        this.fitted = refit(original, null);
    }

    /** One margin per model of {@code boardOrder} (best first), the last with none. */
    public static List<Margin> ofBoard(PairCounts counts, List<String> boardOrder) {
        Fragility fragility = new Fragility(counts);
        List<Margin> margins = new ArrayList<>();
        for (int i = 0; i < boardOrder.size(); i++) {
            margins.add(
                    i + 1 < boardOrder.size()
                            ? fragility.margin(boardOrder.get(i), boardOrder.get(i + 1))
                            : new Margin(boardOrder.get(i), null, null, List.of()));
        }
        return margins;
    }

    private Margin margin(String upper, String lower) {
        int u = counts.models().indexOf(upper);
        int l = counts.models().indexOf(lower);
        if (u < 0 || l < 0) {
            return new Margin(upper, lower, null, List.of());
        }
        long[] removed = new long[rows.size()];
        double[] ratings = fitted;
        while (!swapped(ratings, u, l)) {
            double[] slope = Influence.perVote(counts, remaining(removed), ratings, u, l);
            int best = -1;
            for (int k = 0; k < slope.length; k++) {
                if (original[k] > removed[k] && slope[k] < 0 && (best < 0 || slope[k] < slope[best])) {
                    best = k;
                }
            }
            if (best < 0) {
                return new Margin(upper, lower, null, List.of());
            }
            double gap = ratings[u] - ratings[l];
            long batch = Math.min(original[best] - removed[best], Math.max(1, (long) Math.ceil(gap / -slope[best])));
            long before = removed[best];
            removed[best] = before + batch;
            double[] trial = refit(remaining(removed), ratings);
            if (swapped(trial, u, l)) {
                removed[best] = before + fewest(removed, best, before, batch, gap, trial, ratings, u, l);
                break;
            }
            ratings = trial;
        }
        return new Margin(upper, lower, Math.toIntExact(total(removed)), cells(removed));
    }

    /**
     * The fewest votes of cell {@code k}, on top of {@code before} already gone, that swap the pair:
     * none did not (gap {@code gapNone}), {@code batch} did. The gap is nearly linear in the count,
     * so the first probe interpolates and the second tries its neighbour, which usually settles it;
     * bisection after that keeps the worst case logarithmic.
     */
    private long fewest(
            long[] removed,
            int k,
            long before,
            long batch,
            double gapNone,
            double[] all,
            double[] start,
            int u,
            int l) {
        long fail = 0;
        long pass = batch;
        double gapFail = gapNone;
        double gapPass = all[u] - all[l];
        long previous = -1;
        for (int round = 0; pass - fail > 1; round++) {
            long probe = round == 0
                    ? fail + (long) Math.ceil((pass - fail) * gapFail / (gapFail - gapPass))
                    : round == 1 ? (previous == pass ? pass - 1 : fail + 1) : (fail + pass) / 2;
            probe = Math.max(fail + 1, Math.min(pass - 1, probe));
            removed[k] = before + probe;
            double[] ratings = refit(remaining(removed), start);
            if (swapped(ratings, u, l)) {
                pass = probe;
                gapPass = ratings[u] - ratings[l];
            } else {
                fail = probe;
                gapFail = ratings[u] - ratings[l];
            }
            previous = probe;
        }
        return pass;
    }

    private static boolean swapped(double[] ratings, int upper, int lower) {
        return ratings[lower] >= ratings[upper] - LEVEL;
    }

    private long[] remaining(long[] removed) {
        long[] left = new long[original.length];
        for (int k = 0; k < left.length; k++) {
            left[k] = original[k] - removed[k];
        }
        return left;
    }

    /** Unshifted ratings of the board with these counts, as {@link BradleyTerry#fit} would give them. */
    private double[] refit(long[] rowCounts, double[] start) {
        double[][] wins = VirtualGames.added(counts.halfWins(rowCounts), 0);
        double[] newton = NewtonFit.unshifted(wins, start);
        return newton != null ? newton : BradleyTerry.unshifted(wins, start);
    }

    private static long total(long[] removed) {
        long sum = 0;
        for (long r : removed) {
            sum += r;
        }
        return sum;
    }

    private List<PairCounts.Tally> cells(long[] removed) {
        List<PairCounts.Tally> cells = new ArrayList<>();
        for (int k = 0; k < removed.length; k++) {
            if (removed[k] > 0) {
                PairCounts.Row r = rows.get(k);
                cells.add(new PairCounts.Tally(
                        counts.models().get(r.a()), counts.models().get(r.b()), r.outcome(), removed[k]));
            }
        }
        return List.copyOf(cells);
    }
}
