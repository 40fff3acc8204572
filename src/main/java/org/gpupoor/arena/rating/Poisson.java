package org.gpupoor.arena.rating;

import java.util.SplittableRandom;

/**
 * Poisson random numbers: multiplication of uniforms for small means, Hörmann's transformed
 * rejection (PTRS, 1993) for means of 10 and above, where its cost stays constant however large
 * the mean is. This is what lets a bootstrap round over a million battles cost microseconds.
 */
final class Poisson {
    private static final int LOG_FACTORIAL_TABLE = 256;
    private static final double[] LOG_FACTORIALS = new double[LOG_FACTORIAL_TABLE];

    static {
        for (int k = 1; k < LOG_FACTORIAL_TABLE; k++) {
            LOG_FACTORIALS[k] = LOG_FACTORIALS[k - 1] + Math.log(k);
        }
    }

    private Poisson() {}

    static long sample(double mean, SplittableRandom random) {
        if (mean <= 0) {
            return 0;
        }
        return mean < 10 ? byMultiplication(mean, random) : byTransformedRejection(mean, random);
    }

    private static long byMultiplication(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    private static long byTransformedRejection(double mean, SplittableRandom random) {
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * Math.sqrt(mean);
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double acceptAtOnce = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= acceptAtOnce) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v * inverseAlpha / (a / (us * us) + b)) <= -mean + k * logMean - logFactorial(k)) {
                return k;
            }
        }
    }

    /** ln(k!), from a table for small k and Stirling's series (error below 1e-10) above it. */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL_TABLE) {
            return LOG_FACTORIALS[(int) k];
        }
        double x = k;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
