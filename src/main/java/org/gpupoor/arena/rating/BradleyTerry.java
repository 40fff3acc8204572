package org.gpupoor.arena.rating;

/**
 * Maximum-likelihood Bradley-Terry strengths on the Elo scale ({@code P(i beats j) = 1 / (1 +
 * 10^((R_j - R_i) / 400))}), fitted with Hunter's MM algorithm. Ties count as half a win each.
 *
 * <p>Regularisation: every model also plays one virtual win and one virtual loss against a fixed
 * reference player. This is a weak prior pulling strengths toward the middle, worth two battles;
 * it keeps the fit finite for a model that never lost (or never won) and changes well-measured
 * ratings by a fraction of a point. After fitting, ratings are shifted so that their mean is
 * {@code anchor} (1000 by default).
 */
public final class BradleyTerry {
    static final double ELO_PER_NATURAL_LOG = 400 / Math.log(10);
    static final double VIRTUAL_GAMES = 1.0;
    private static final int MAX_ITERATIONS = 10_000;
    private static final double TOLERANCE = 1e-10;

    private BradleyTerry() {
    }

    /** Ratings in the order of {@code counts.models()}, with mean {@code anchor}. */
    public static double[] fit(PairCounts counts, double anchor) {
        double[] raw = unshifted(counts);
        double mean = 0;
        for (double r : raw) {
            mean += r / raw.length;
        }
        for (int i = 0; i < raw.length; i++) {
            raw[i] += anchor - mean;
        }
        return raw;
    }

    /** Ratings before the shift to the anchor: the virtual reference player sits at 0. */
    static double[] unshifted(PairCounts counts) {
        double[][] wins = counts.halfWins();
        int n = wins.length;
        double[] strength = new double[n];
        java.util.Arrays.fill(strength, 1.0);
        double[] totalWins = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                totalWins[i] += wins[i][j];
            }
            totalWins[i] += VIRTUAL_GAMES;
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double change = 0;
            for (int i = 0; i < n; i++) {
                double denominator = 2 * VIRTUAL_GAMES / (strength[i] + 1.0);
                for (int j = 0; j < n; j++) {
                    double games = wins[i][j] + wins[j][i];
                    if (games > 0) {
                        denominator += games / (strength[i] + strength[j]);
                    }
                }
                double updated = totalWins[i] / denominator;
                change = Math.max(change, Math.abs(Math.log(updated / strength[i])));
                strength[i] = updated;
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
