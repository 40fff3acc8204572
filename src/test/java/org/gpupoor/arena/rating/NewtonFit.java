package org.gpupoor.arena.rating;

/**
 * A second, independent fit of the same penalised Bradley-Terry likelihood by Newton's method
 * on natural-log strengths (the virtual reference player sits at 0), to check the MM algorithm.
 */
final class NewtonFit {
    private NewtonFit() {
    }

    static double[] fit(PairCounts counts, double anchor) {
        double[][] w = counts.halfWins();
        int n = w.length;
        double[] theta = new double[n];
        for (int iteration = 0; iteration < 100; iteration++) {
            double[] gradient = new double[n];
            double[][] hessian = new double[n][n];
            for (int i = 0; i < n; i++) {
                double s0 = sigmoid(theta[i]);
                gradient[i] += BradleyTerry.VIRTUAL_GAMES - 2 * BradleyTerry.VIRTUAL_GAMES * s0;
                hessian[i][i] -= 2 * BradleyTerry.VIRTUAL_GAMES * s0 * (1 - s0);
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
            for (int i = 0; i < n; i++) {
                theta[i] -= step[i];
                largest = Math.max(largest, Math.abs(step[i]));
            }
            if (largest < 1e-12) {
                break;
            }
        }
        double[] ratings = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            ratings[i] = BradleyTerry.ELO_PER_NATURAL_LOG * theta[i];
            mean += ratings[i] / n;
        }
        for (int i = 0; i < n; i++) {
            ratings[i] += anchor - mean;
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
