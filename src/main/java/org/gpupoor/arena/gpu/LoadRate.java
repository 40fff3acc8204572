package org.gpupoor.arena.gpu;

/**
 * How fast a host loads models: the median of its latest cold loads (footprint over Ollama's
 * load_duration). Until one is seen, 1 GB/s, a middling disk with the file in the page cache.
 */
final class LoadRate {
    static final double DEFAULT_BYTES_PER_SECOND = 1e9;

    private final RecentMedian samples = new RecentMedian(DEFAULT_BYTES_PER_SECOND);

    void observe(long bytes, long loadMs) {
        samples.observe(bytes / (loadMs / 1000.0));
    }

    double bytesPerSecond() {
        return samples.median();
    }
}
