package org.gpupoor.arena.gpu;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gpupoor.arena.ollama.GenerationResult;
import org.gpupoor.arena.ollama.LoadedModel;
import org.gpupoor.arena.ollama.OllamaMemory;
import org.gpupoor.arena.ollama.OllamaUnavailableException;
import org.gpupoor.arena.ollama.PsUnsupportedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Ollama hosts hold in memory, kept fresh by a look at {@code /api/ps} every few seconds
 * and after each answer, and what loading a model would cost there. Before a model has been seen
 * loaded its footprint is estimated from its file: 1.2 x the file plus 0.5 GB (the context cache
 * and the runtime's buffers), a little above what Ollama takes for the small models it serves.
 */
public final class Residency {
    private static final Logger log = LoggerFactory.getLogger(Residency.class);
    static final long RUNTIME_BYTES = 500_000_000L;
    /** A model whose file is unknown is taken for a 7B model at 4-bit: the common worst case here. */
    static final long UNKNOWN_FOOTPRINT = 4_700_000_000L;

    /** Ollama evicts the idle model used longest ago; its expiry (last use + keep_alive) orders them. */
    private static final Comparator<LoadedModel> LEAST_RECENT_FIRST =
            Comparator.comparing(LoadedModel::expiresAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()));

    private final OllamaMemory ollama;
    private final long configuredBytes;
    private final Map<String, HostMemory> hosts = new ConcurrentHashMap<>();
    private final LoadRate rate = new LoadRate();
    private final RecentMedian answerSeconds = new RecentMedian(10);
    private volatile boolean supported = true;
    private volatile boolean looked;
    private volatile boolean tried;

    public Residency(OllamaMemory ollama, long configuredBytes) {
        this.ollama = ollama;
        this.configuredBytes = configuredBytes;
    }

    /** Looks at every host now. An Ollama without {@code /api/ps} turns warm matchmaking off, said once. */
    public void refresh() {
        tried = true;
        for (String url : ollama.hostUrls()) {
            try {
                host(url).observe(ollama.loaded(url));
                looked = true;
            } catch (PsUnsupportedException e) {
                if (supported) {
                    log.warn(
                            "{}: matchmaking falls back to the fair strategy and answers are generated one after the other",
                            e.getMessage());
                }
                supported = false;
                return;
            } catch (OllamaUnavailableException e) {
                log.debug("Could not ask {} what it has loaded: {}", url, e.getMessage());
            }
        }
    }

    /** Looks now unless a look has been tried already: the first battle need not wait for the schedule. */
    public void lookOnce() {
        if (!tried) {
            refresh();
        }
    }

    /** Whether the hosts say what they have loaded: false for an Ollama without {@code /api/ps}, or before the first look. */
    public boolean known() {
        return supported && looked;
    }

    /**
     * A side answered in {@code totalMs}: its model is loaded now, its load (if any) says how
     * fast the host loads, and its time how long a battle using it makes others wait.
     */
    public void answered(String tag, long loadMs, long totalMs) {
        loaded(tag, loadMs);
        answerSeconds.observe(totalMs / 1000.0);
    }

    /** The model was loaded (by an answer or a preload) in {@code loadMs}. */
    public void loaded(String tag, long loadMs) {
        long bytes = footprint(tag);
        hostOf(tag).answered(tag, bytes);
        if (loadMs >= GenerationResult.COLD_START_MS) {
            rate.observe(bytes, loadMs);
        }
    }

    public boolean loaded(String tag) {
        return hostOf(tag).holds(tag);
    }

    /** Bytes the model takes once loaded: as last seen in {@code /api/ps}, else estimated from its file. */
    public long footprint(String tag) {
        return hostOf(tag).footprint(tag).orElseGet(() -> {
            long file = ollama.fileBytes(tag);
            return file > 0 ? Math.round(file * 1.2) + RUNTIME_BYTES : UNKNOWN_FOOTPRINT;
        });
    }

    /**
     * Seconds the pair would wait for memory now: its loads and a share of what they evict (see
     * {@link LoadCosts}), plus a typical answer's time for each model another battle is using
     * (Ollama serves one request per model at a time by default) and once more when its loads
     * cannot fit beside the models other battles hold (they wait for those to finish).
     */
    public double loadSeconds(List<String> pair, Collection<String> inUse) {
        HostMemory host = hostOf(pair.get(0));
        double seconds = LoadCosts.seconds(
                pair, leastRecentFirst(host), this::footprint, host.capacity(), rate.bytesPerSecond());
        double answer = answerSeconds.median();
        for (String m : pair) {
            if (inUse.contains(m)) {
                seconds += answer;
            }
        }
        List<String> toLoad = pair.stream().filter(m -> !loaded(m)).toList();
        if (!toLoad.isEmpty() && !host.fits(toLoad, inUse, this::footprint)) {
            seconds += answer;
        }
        return seconds;
    }

    /**
     * Seconds the median of {@code models} takes to load here: the unit the matchmaker weighs
     * loads in. Measuring loads against each other (rather than in seconds) keeps the weights
     * meaning the same on a fast disk and a slow one.
     */
    public double typicalLoadSeconds(List<String> models) {
        long[] sizes = models.stream().mapToLong(this::footprint).sorted().toArray();
        long median = sizes.length == 0 ? UNKNOWN_FOOTPRINT : sizes[sizes.length / 2];
        return median / rate.bytesPerSecond();
    }

    /** Whether all of {@code models} fit in memory at once beside {@code staying}, models running battles use. */
    public boolean fitTogether(Collection<String> models, Collection<String> staying) {
        return hostOf(models.iterator().next()).fits(models, staying, this::footprint);
    }

    /** The host's loaded models that may go to make room, least recently used first; never one in {@code keep}. */
    public List<LoadedModel> evictable(String forTag, Collection<String> keep) {
        HostMemory host = hostOf(forTag);
        return host.loadedModels().stream()
                .sorted(LEAST_RECENT_FIRST)
                .filter(m -> !keep.contains(m.tag()))
                .toList();
    }

    /** Bytes free on the host of {@code tag}; negative when the capacity is unknown. */
    public long free(String tag) {
        HostMemory host = hostOf(tag);
        return host.capacity() == 0 ? -1 : host.capacity() - host.held();
    }

    public String hostFor(String tag) {
        return ollama.hostFor(tag);
    }

    public OllamaMemory ollama() {
        return ollama;
    }

    private HostMemory hostOf(String tag) {
        return host(ollama.hostFor(tag));
    }

    private HostMemory host(String url) {
        return hosts.computeIfAbsent(url, u -> new HostMemory(configuredBytes));
    }

    /** Ollama evicts the idle model used longest ago; its expiry (last use + keep_alive) orders them. */
    private static LinkedHashMap<String, Long> leastRecentFirst(HostMemory host) {
        LinkedHashMap<String, Long> ordered = new LinkedHashMap<>();
        host.loadedModels().stream().sorted(LEAST_RECENT_FIRST).forEach(m -> ordered.put(m.tag(), m.bytes()));
        return ordered;
    }
}
