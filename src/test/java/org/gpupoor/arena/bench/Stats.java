package org.gpupoor.arena.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of a set of measurements. */
record Stats(double[] sorted) {
    static Stats of(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Stats(sorted);
    }

    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    double median() {
        return percentile(50);
    }

    int count() {
        return sorted.length;
    }
}
