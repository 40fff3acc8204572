package org.gpupoor.arena.rating;

/**
 * Maximum-likelihood Bradley-Terry strengths on the Elo scale ({@code P(i beats j) = 1 / (1 +
 * 10^((R_j - R_i) / 400))}), fitted with Hunter's MM algorithm. Ties count as half a win each.
 *
 * <p>Where the maximum-likelihood ratings exist (every model has beaten every other, directly or
 * through a chain) they are what this returns, unpenalised: the same numbers as the best public
 * arena's logistic regression. Where they do not, {@link VirtualGames} adds a few virtual
 * battles, only where needed, to make them exist, and says which models got them. After
 * fitting, ratings are shifted so that their mean sits where asked (1000 by default); pinning one
 * model instead is a shift of the whole board, left to its caller.
 */
public final class BradleyTerry {
    static final double ELO_PER_NATURAL_LOG = 400 / Math.log(10);
    private static final int MAX_ITERATIONS = 10_000;
    private static final double TOLERANCE = 1e-10;

    /** Where a board's scale sits: {@code model} (a tag) at {@code rating}, or the mean at {@code rating} when model is null. */
    public record Anchor(String model, double rating) {
        public static final Anchor MEAN_1000 = new Anchor(null, 1000);

        public static Anchor mean(double rating) {
            return new Anchor(null, rating);
        }
    }

    private BradleyTerry() {}

    /** Ratings in the order of {@code counts.models()}, with mean {@code meanRating}, unpenalised wherever they can be. */
    public static double[] fit(PairCounts counts, double meanRating) {
        return fit(counts, meanRating, 0);
    }

    /** The same with {@code priorBattles} virtual battles per model against the field: optional shrinkage. */
    public static double[] fit(PairCounts counts, double meanRating, double priorBattles) {
        return withMean(unshifted(VirtualGames.added(counts.halfWins(), priorBattles), null), meanRating);
    }

    /** Per model, in the order of {@code counts.models()}: true when its rating only exists thanks to virtual battles. */
    public static boolean[] regularised(PairCounts counts) {
        return VirtualGames.needed(counts.halfWins());
    }

    /** Shifts unshifted ratings so that their mean is {@code meanRating}. */
    static double[] withMean(double[] raw, double meanRating) {
        double mean = 0;
        for (double r : raw) {
            mean += r / raw.length;
        }
        double[] shifted = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            shifted[i] = raw[i] + meanRating - mean;
        }
        return shifted;
    }

    static double[] unshifted(PairCounts counts) {
        return unshifted(VirtualGames.added(counts.halfWins(), 0), null);
    }

    /**
     * Ratings before the shift to the anchor (their mean is 0), from {@code wins[i][j]} = how often
     * i beat j, which must link every model to every other both ways (see {@link VirtualGames}).
     * {@code start}, if given, is where the iteration begins (a nearby fit converges in far fewer
     * rounds); it does not change the answer.
     */
    static double[] unshifted(double[][] wins, double[] start) {
        int n = wins.length;
        double[] strength = new double[n];
        double[] totalWins = new double[n];
        double[][] games = new double[n][n];
        for (int i = 0; i < n; i++) {
            strength[i] = start == null ? 1.0 : Math.exp(start[i] / ELO_PER_NATURAL_LOG);
            for (int j = 0; j < n; j++) {
                totalWins[i] += wins[i][j];
                games[i][j] = wins[i][j] + wins[j][i];
            }
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double change = 0;
            for (int i = 0; i < n; i++) {
                double si = strength[i];
                double denominator = 0;
                double[] row = games[i];
                for (int j = 0; j < n; j++) {
                    if (row[j] > 0) {
                        denominator += row[j] / (si + strength[j]);
                    }
                }
                double updated = totalWins[i] / denominator;
                change = Math.max(change, Math.abs(Math.log(updated / si)));
                strength[i] = updated;
            }
            // Without a fixed reference only the ratios matter; rescaling keeps the numbers from drifting.
            double logMean = 0;
            for (double s : strength) {
                logMean += Math.log(s) / n;
            }
            for (int i = 0; i < n; i++) {
                strength[i] /= Math.exp(logMean);
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        double[] ratings = new double[n];
        for (int i = 0; i < n; i++) {
            ratings[i] = ELO_PER_NATURAL_LOG * Math.log(strength[i]);
        }
        return ratings;
    }

    /** The predicted chance that a player rated {@code ri} beats one rated {@code rj}. */
    public static double winProbability(double ri, double rj) {
        return 1 / (1 + Math.pow(10, (rj - ri) / 400));
    }
}
