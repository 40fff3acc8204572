package org.gpupoor.arena.gpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** The median of the latest 20 observations of something that drifts (a disk's speed, an answer's time). */
final class RecentMedian {
    private static final int WINDOW = 20;

    private final double before;
    private final Deque<Double> samples = new ArrayDeque<>();

    /** @param before the figure until something is observed */
    RecentMedian(double before) {
        this.before = before;
    }

    synchronized void observe(double value) {
        samples.addLast(value);
        if (samples.size() > WINDOW) {
            samples.removeFirst();
        }
    }

    synchronized double median() {
        if (samples.isEmpty()) {
            return before;
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
