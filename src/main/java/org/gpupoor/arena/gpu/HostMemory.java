package org.gpupoor.arena.gpu;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gpupoor.arena.ollama.LoadedModel;

/**
 * What one Ollama host holds in memory, from its {@code /api/ps}, and what it can hold: the
 * operator's figure when set, else the most it has been seen holding at once (a figure that only
 * grows, so it errs on the side of loading less).
 */
public final class HostMemory {
    private final long configuredBytes;
    private final Map<String, Long> footprints = new ConcurrentHashMap<>();
    private volatile Map<String, LoadedModel> loaded = Map.of();
    private volatile long mostHeld;

    /** @param configuredBytes what the host holds, from {@code ollama.hosts[].memory_gb}; 0 to learn it */
    public HostMemory(long configuredBytes) {
        this.configuredBytes = configuredBytes;
    }

    /** A fresh look at the host's {@code /api/ps}. */
    public synchronized void observe(List<LoadedModel> models) {
        Map<String, LoadedModel> now = new LinkedHashMap<>();
        for (LoadedModel m : models) {
            now.put(m.tag(), m);
            footprints.put(m.tag(), m.bytes());
        }
        loaded = Map.copyOf(now);
        // Only what Ollama itself reports, and only the part on the GPU: an answered model added to
        // an old look would count what its load evicted as still held.
        mostHeld = Math.max(
                mostHeld,
                now.values().stream().mapToLong(LoadedModel::vramBytes).sum());
    }

    /** The model answered or was preloaded just now: it is in memory, whatever the last look said. */
    public synchronized void answered(String tag, long bytes) {
        if (loaded.containsKey(tag)) {
            return;
        }
        Map<String, LoadedModel> now = new LinkedHashMap<>(loaded);
        now.put(tag, new LoadedModel(tag, bytes, bytes, null));
        loaded = Map.copyOf(now);
        mostHeld = Math.max(mostHeld, held());
    }

    public boolean holds(String tag) {
        return loaded.containsKey(tag);
    }

    public Collection<LoadedModel> loadedModels() {
        return loaded.values();
    }

    /** The footprint seen in {@code /api/ps} while the model was loaded; empty until then. */
    public OptionalLong footprint(String tag) {
        Long bytes = footprints.get(tag);
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    public long held() {
        return loaded.values().stream().mapToLong(LoadedModel::bytes).sum();
    }

    /** Bytes the host can hold; 0 while unknown (nothing configured and nothing seen). */
    public long capacity() {
        return configuredBytes > 0 ? configuredBytes : mostHeld;
    }

    /**
     * Whether {@code models} can all be in memory together with {@code staying} (models a running
     * battle needs). With the capacity unknown, only what is loaded already is known to fit.
     */
    public boolean fits(
            Collection<String> models,
            Collection<String> staying,
            java.util.function.ToLongFunction<String> footprint) {
        Set<String> together = new HashSet<>(models);
        together.addAll(staying);
        if (loaded.keySet().containsAll(models)) {
            return true;
        }
        long need = together.stream().mapToLong(footprint).sum();
        return capacity() > 0 && need <= capacity();
    }
}
