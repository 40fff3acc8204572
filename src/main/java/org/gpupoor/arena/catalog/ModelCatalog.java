package org.gpupoor.arena.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.gpupoor.arena.concurrent.Debounced;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.ModelEntry;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.ollama.OllamaModel;
import org.gpupoor.arena.ollama.OllamaUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approved models, their sizes, and which of them Ollama can serve. Sizes come from
 * {@code size_b}, else the display name, else Ollama's {@code /api/show}; a model of unknown size
 * or above the cap is refused, never guessed.
 */
public final class ModelCatalog {
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);

    private volatile List<ModelEntry> configured;
    private volatile double maxSizeB;
    private final OllamaGateway ollama;
    private final Clock clock;
    private final ListedModels listed;
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService background;
    private final Debounced backgroundCheck;
    private final boolean autoDiscover;
    /** Every unlisted model Ollama has had since start (with auto_discover); one removed from Ollama stays, unavailable. */
    private final Map<String, OllamaModel> discovered = new ConcurrentHashMap<>();

    private final Map<String, LastError> lastErrors = new ConcurrentHashMap<>();
    private volatile CatalogSnapshot snapshot;
    private volatile Runnable onSizesChange = () -> {};

    /** {@code background} runs the checks that {@link #fresh} starts without waiting for them. */
    public ModelCatalog(ArenaConfig config, OllamaGateway ollama, Clock clock, ScheduledExecutorService background) {
        this.configured = config.models();
        this.maxSizeB = config.maxModelSizeB();
        this.ollama = ollama;
        this.clock = clock;
        this.listed = new ListedModels(ollama);
        this.background = background;
        // However many battles find the list old at once, one look at Ollama serves them all.
        this.backgroundCheck =
                new Debounced("Looking at Ollama's models", background, Duration.ZERO, Duration.ZERO, this::refresh);
        this.autoDiscover = config.ollama().autoDiscover();
        this.snapshot = build(false, CatalogSnapshot.NOT_CHECKED, Map.of());
    }

    /**
     * The approved models from a config reload; a check started now builds the snapshot from
     * them. The future completes once that snapshot is in place.
     */
    public CompletableFuture<Void> reconfigure(ArenaConfig config) {
        this.configured = config.models();
        this.maxSizeB = config.maxModelSizeB();
        try {
            return CompletableFuture.runAsync(
                    () -> {
                        try {
                            refresh();
                        } catch (RuntimeException e) {
                            log.error("Checking Ollama after a config reload failed", e);
                        }
                    },
                    background);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null); // shutting down
        }
    }

    /** Each Ollama server as the last look (or a failed answer) left it. */
    public List<OllamaGateway.HostStatus> hosts() {
        return ollama.hostStatus();
    }

    public CatalogSnapshot current() {
        return snapshot;
    }

    /**
     * The last snapshot, if Ollama was up at the last check; when that check is older than
     * {@code maxAge}, a new one starts in the background, so no battle waits on Ollama's model
     * list. When Ollama was down, checks now: a voter who tries right after Ollama comes back
     * should not be turned away by an old "down".
     */
    public CatalogSnapshot fresh(Duration maxAge) {
        CatalogSnapshot last = snapshot;
        if (!last.ollamaUp()) {
            return refresh();
        }
        if (Duration.between(last.checkedAt(), clock.instant()).compareTo(maxAge) > 0) {
            backgroundCheck.request();
        }
        return last;
    }

    public synchronized CatalogSnapshot refresh() {
        CatalogSnapshot previous = snapshot;
        CatalogSnapshot next;
        try {
            Map<String, OllamaModel> installed = ollama.installedModels();
            if (autoDiscover) {
                installed.values().stream()
                        .filter(m -> !isListed(m.tag()) && DiscoveredModels.canChat(m))
                        .forEach(m -> discovered.put(m.tag(), m));
            }
            reportedMissing.removeIf(tag -> !installed.containsKey(tag));
            reportedMissing.forEach(installed::remove);
            listed.resolveSizes(configured, installed);
            next = build(true, null, installed);
        } catch (OllamaUnavailableException e) {
            next = build(false, e.getMessage(), Map.of());
        }
        snapshot = next;
        CatalogChanges.log(previous, next, ollama.url());
        if (!previous.knownSizes().equals(next.knownSizes())
                || !previous.largestApprovedSize().equals(next.largestApprovedSize())) {
            onSizesChange.run();
        }
        return next;
    }

    /**
     * {@code listener} runs, on the checking thread, each time a check finds that the known sizes
     * or the largest approved size changed (a config reload, a size Ollama reports, a model
     * discovered): the only times the boards need replaying. It should hand the work off.
     */
    public void onSizesChange(Runnable listener) {
        this.onSizesChange = listener;
    }

    /** The last time an answer of {@code tag} failed on its own, and why (shown in the models list). */
    public record LastError(String message, Instant at) {}

    public void recordFailure(String tag, String message, Instant at) {
        lastErrors.put(tag, new LastError(message, at));
    }

    public Optional<LastError> lastError(String tag) {
        return Optional.ofNullable(lastErrors.get(tag));
    }

    private boolean isListed(String tag) {
        return configured.stream().anyMatch(m -> m.tag().equals(tag));
    }

    /** Ollama said it does not have this model: keep it out of battles until it shows up again. */
    public void markNotInstalled(String tag) {
        reportedMissing.add(tag);
        refresh();
    }

    /** Sizes of every configured model whose size is known. */
    public Map<String, Double> knownSizes() {
        return snapshot.knownSizes();
    }

    /** The yardstick for the size-adjusted ELO: the largest approved model of known size. */
    public Optional<Double> largestApprovedSize() {
        return snapshot.largestApprovedSize();
    }

    public Optional<CatalogEntry> find(String tag) {
        return snapshot.models().stream().filter(e -> e.tag().equals(tag)).findFirst();
    }

    private CatalogSnapshot build(boolean up, String problem, Map<String, OllamaModel> installed) {
        List<CatalogEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ModelEntry m : configured) {
            CatalogEntry entry = listed.entry(m, up, installed, maxSizeB);
            entries.add(entry);
            names.add(entry.name());
        }
        discovered.values().stream()
                .filter(m -> !isListed(m.tag()))
                .sorted(Comparator.comparing(OllamaModel::tag))
                .forEach(m -> {
                    // Two models can share family, size and quantization: then the tag tells them apart.
                    String name = DiscoveredModels.of(m);
                    entries.add(DiscoveredModels.entry(m, names.add(name) ? name : m.tag(), up, installed, maxSizeB));
                });
        return new CatalogSnapshot(up, problem, clock.instant(), List.copyOf(entries));
    }
}
