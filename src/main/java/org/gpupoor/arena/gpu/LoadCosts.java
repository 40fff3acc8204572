package org.gpupoor.arena.gpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The seconds of loading a pair costs: the loads the voter waits for, plus a tenth of what the
 * loads evict (least recently used first), since a later battle may need those back. The tenth
 * was tuned on the shipped models in 8 GB (WarmMatchmakerTest); more made the pairing worse.
 */
public final class LoadCosts {
    static final double EVICTION_SHARE = 0.1;

    private LoadCosts() {}

    /**
     * @param loaded      what is in memory, least recently used first, with footprints in bytes
     * @param footprint   bytes a model takes once loaded
     * @param capacity    bytes the host holds (0: unknown, nothing is counted as evicted)
     * @param bytesPerSecond how fast the host loads
     */
    public static double seconds(
            List<String> pair,
            LinkedHashMap<String, Long> loaded,
            ToLongFunction<String> footprint,
            long capacity,
            double bytesPerSecond) {
        double seconds = 0;
        long held = 0;
        for (String m : pair) {
            if (!loaded.containsKey(m)) {
                seconds += footprint.applyAsLong(m) / bytesPerSecond;
            }
            held += footprint.applyAsLong(m);
        }
        for (var e : loaded.entrySet()) {
            if (!pair.contains(e.getKey())) {
                held += e.getValue();
            }
        }
        for (var e : loaded.entrySet()) {
            if (capacity <= 0 || held <= capacity) {
                break;
            }
            if (!pair.contains(e.getKey())) {
                held -= e.getValue();
                seconds += EVICTION_SHARE * e.getValue() / bytesPerSecond;
            }
        }
        return seconds;
    }
}
