package org.gpupoor.arena.rating;

/** A symmetric positive-definite system, factored once and then solved as often as needed. */
final class Cholesky {
    private final int n;
    private final double[] lower;

    /** {@code a} is row-major n by n; only its lower triangle is read. */
    Cholesky(double[] a, int n) {
        this.n = n;
        this.lower = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    sum -= lower[i * n + k] * lower[j * n + k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalStateException("matrix is not positive definite");
                    }
                    lower[i * n + i] = Math.sqrt(sum);
                } else {
                    lower[i * n + j] = sum / lower[j * n + j];
                }
            }
        }
    }

    double[] solve(double[] b) {
        double[] x = b.clone();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                x[i] -= lower[i * n + k] * x[k];
            }
            x[i] /= lower[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int k = i + 1; k < n; k++) {
                x[i] -= lower[k * n + i] * x[k];
            }
            x[i] /= lower[i * n + i];
        }
        return x;
    }

    /** The diagonal of the inverse. */
    double[] inverseDiagonal() {
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            double[] unit = new double[n];
            unit[i] = 1;
            diagonal[i] = solve(unit)[i];
        }
        return diagonal;
    }
}
