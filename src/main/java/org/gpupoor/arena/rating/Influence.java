package org.gpupoor.arena.rating;

import java.util.List;

/** First-order effect of one vote on a Bradley-Terry gap, for {@link Fragility}. */
final class Influence {
    private Influence() {}

    /**
     * Per row of {@code counts}: by how many Elo points removing one of its votes changes {@code
     * ratings[upper] - ratings[lower]}, to first order. Removing vote v moves the maximum by about
     * {@code -J^-1 grad l_v} (J the information at the fit), so the gap moves by {@code -(y_v - s)
     * (w_a - w_b)} with {@code w = J^-1 (e_upper - e_lower)}: one solve serves every row.
     */
    static double[] perVote(PairCounts counts, long[] rowCounts, double[] ratings, int upper, int lower) {
        int n = ratings.length;
        double elo = BradleyTerry.ELO_PER_NATURAL_LOG;
        double[][] wins = VirtualGames.added(counts.halfWins(rowCounts), 0);
        double[] information = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // The ones remove the direction that shifts every rating, which the data cannot see.
                information[i * n + j] += 1;
                double games = wins[i][j] + wins[j][i];
                if (i != j && games > 0) {
                    double s = 1 / (1 + Math.exp((ratings[j] - ratings[i]) / elo));
                    information[i * n + i] += games * s * (1 - s);
                    information[i * n + j] -= games * s * (1 - s);
                }
            }
        }
        double[] direction = new double[n];
        direction[upper] = 1;
        direction[lower] = -1;
        double[] w = new Cholesky(information, n).solve(direction);
        List<PairCounts.Row> rows = counts.rows();
        double[] slope = new double[rows.size()];
        for (int k = 0; k < slope.length; k++) {
            PairCounts.Row r = rows.get(k);
            double y = r.outcome() == Outcome.A ? 1 : r.outcome() == Outcome.B ? 0 : 0.5;
            double s = 1 / (1 + Math.exp((ratings[r.b()] - ratings[r.a()]) / elo));
            slope[k] = -elo * (y - s) * (w[r.a()] - w[r.b()]);
        }
        return slope;
    }
}
