package org.gpupoor.arena.gpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * How fast a host loads models: the median of its latest cold loads (footprint over Ollama's
 * load_duration). Until one is seen, 1 GB/s, a middling disk with the file in the page cache.
 */
final class LoadRate {
    static final double DEFAULT_BYTES_PER_SECOND = 1e9;
    private static final int WINDOW = 20;

    private final Deque<Double> samples = new ArrayDeque<>();

    synchronized void observe(long bytes, long loadMs) {
        samples.addLast(bytes / (loadMs / 1000.0));
        if (samples.size() > WINDOW) {
            samples.removeFirst();
        }
    }

    synchronized double bytesPerSecond() {
        if (samples.isEmpty()) {
            return DEFAULT_BYTES_PER_SECOND;
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
