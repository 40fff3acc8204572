package org.gpupoor.arena.rating;

/**
 * A second fit of the same Bradley-Terry likelihood, by Newton's method on natural-log strengths.
 * It converges in a handful of steps where the MM algorithm needs hundreds, so the bootstrap uses
 * it for its many refits; the tests hold the two methods to the same answer. Steps are capped (the likelihood is concave, but a far
 * start could overshoot); a fit that does not settle says so, and its caller falls back to MM.
 */
final class NewtonFit {
    private static final int MAX_ITERATIONS = 100;
    private static final double MAX_STEP = 2.0;
    private static final double TOLERANCE = 1e-9;

    private NewtonFit() {}

    /** Ratings with mean {@code meanRating}, in the order of {@code counts.models()}; null if Newton did not settle. */
    static double[] fit(PairCounts counts, double meanRating, double[] start) {
        double[] raw = unshifted(VirtualGames.added(counts.halfWins(), 0), start);
        return raw == null ? null : BradleyTerry.withMean(raw, meanRating);
    }

    /**
     * Like {@link BradleyTerry#unshifted(double[][], double[])}: Elo-scale ratings before
     * anchoring (mean 0), or null when the iteration did not settle.
     */
    static double[] unshifted(double[][] w, double[] start) {
        int n = w.length;
        double[] theta = new double[n];
        for (int i = 0; start != null && i < n; i++) {
            theta[i] = start[i] / BradleyTerry.ELO_PER_NATURAL_LOG;
        }
        boolean settled = false;
        for (int iteration = 0; iteration < MAX_ITERATIONS && !settled; iteration++) {
            double[] gradient = new double[n];
            double[][] hessian = new double[n][n];
            for (int i = 0; i < n; i++) {
                // Shifting every rating changes nothing, so the Hessian is singular along (1, ..., 1);
                // this term removes that direction from the step without changing the maximum.
                for (int j = 0; j < n; j++) {
                    hessian[i][j] -= 1;
                }
                for (int j = 0; j < n; j++) {
                    double games = w[i][j] + w[j][i];
                    if (i == j || games == 0) {
                        continue;
                    }
                    double s = sigmoid(theta[i] - theta[j]);
                    gradient[i] += w[i][j] - games * s;
                    hessian[i][i] -= games * s * (1 - s);
                    hessian[i][j] += games * s * (1 - s);
                }
            }
            double[] step = solve(hessian, gradient);
            double largest = 0;
            for (double x : step) {
                largest = Math.max(largest, Math.abs(x));
            }
            double scale = largest > MAX_STEP ? MAX_STEP / largest : 1;
            for (int i = 0; i < n; i++) {
                theta[i] -= scale * step[i];
            }
            settled = largest < TOLERANCE;
        }
        if (!settled) {
            return null;
        }
        double mean = 0;
        for (double t : theta) {
            mean += t / n;
        }
        double[] ratings = new double[n];
        for (int i = 0; i < n; i++) {
            ratings[i] = BradleyTerry.ELO_PER_NATURAL_LOG * (theta[i] - mean);
        }
        return ratings;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] v = b.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] rowSwap = m[col];
            m[col] = m[pivot];
            m[pivot] = rowSwap;
            double vSwap = v[col];
            v[col] = v[pivot];
            v[pivot] = vSwap;
            for (int row = col + 1; row < n; row++) {
                double f = m[row][col] / m[col][col];
                for (int k = col; k < n; k++) {
                    m[row][k] -= f * m[col][k];
                }
                v[row] -= f * v[col];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = v[i];
            for (int k = i + 1; k < n; k++) {
                sum -= m[i][k] * x[k];
            }
            x[i] = sum / m[i][i];
        }
        return x;
    }
}
