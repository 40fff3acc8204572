package org.gpupoor.arena.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final String NOT_CHECKED = "Ollama has not been checked yet";

    /** What Ollama looked like at the last check. */
    public record Snapshot(boolean ollamaUp, String ollamaProblem, Instant checkedAt, List<CatalogEntry> models) {
        public List<CatalogEntry> available() {
            return models.stream().filter(CatalogEntry::available).toList();
        }

        /** "up", "down", or "checking" until the first check after start has answered. */
        public String ollamaState() {
            return ollamaUp ? "up" : NOT_CHECKED.equals(ollamaProblem) ? "checking" : "down";
        }
    }

    private volatile List<ModelEntry> configured;
    private volatile double maxSizeB;
    private final OllamaGateway ollama;
    private final Clock clock;
    private final Map<String, Double> sizesFromOllama = new ConcurrentHashMap<>();
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService background;
    private final Debounced backgroundCheck;
    private final boolean autoDiscover;
    /** Every unlisted model Ollama has had since start (with auto_discover); one removed from Ollama stays, unavailable. */
    private final Map<String, OllamaModel> discovered = new ConcurrentHashMap<>();
    private final Map<String, LastError> lastErrors = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;
    private volatile Runnable onSizesChange = () -> { };

    /** {@code background} runs the checks that {@link #fresh} starts without waiting for them. */
    public ModelCatalog(ArenaConfig config, OllamaGateway ollama, Clock clock, ScheduledExecutorService background) {
        this.configured = config.models();
        this.maxSizeB = config.maxModelSizeB();
        this.ollama = ollama;
        this.clock = clock;
        this.background = background;
        // However many battles find the list old at once, one look at Ollama serves them all.
        this.backgroundCheck = new Debounced("Looking at Ollama's models", background, Duration.ZERO, Duration.ZERO, this::refresh);
        this.autoDiscover = config.ollama().autoDiscover();
        this.snapshot = build(false, NOT_CHECKED, Map.of());
    }

    /**
     * The approved models from a config reload; a check started now builds the snapshot from
     * them. The future completes once that snapshot is in place.
     */
    public java.util.concurrent.CompletableFuture<Void> reconfigure(ArenaConfig config) {
        this.configured = config.models();
        this.maxSizeB = config.maxModelSizeB();
        try {
            return java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    refresh();
                } catch (RuntimeException e) {
                    log.error("Checking Ollama after a config reload failed", e);
                }
            }, background);
        } catch (RejectedExecutionException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(null); // shutting down
        }
    }

    /** Each Ollama server as the last look (or a failed answer) left it. */
    public List<OllamaGateway.HostStatus> hosts() {
        return ollama.hostStatus();
    }

    public Snapshot current() {
        return snapshot;
    }

    /**
     * The last snapshot, if Ollama was up at the last check; when that check is older than
     * {@code maxAge}, a new one starts in the background, so no battle waits on Ollama's model
     * list. When Ollama was down, checks now: a voter who tries right after Ollama comes back
     * should not be turned away by an old "down".
     */
    public Snapshot fresh(Duration maxAge) {
        Snapshot last = snapshot;
        if (!last.ollamaUp()) {
            return refresh();
        }
        if (Duration.between(last.checkedAt(), clock.instant()).compareTo(maxAge) > 0) {
            backgroundCheck.request();
        }
        return last;
    }

    public synchronized Snapshot refresh() {
        Snapshot previous = snapshot;
        Snapshot next;
        try {
            Map<String, OllamaModel> installed = ollama.installedModels();
            if (autoDiscover) {
                installed.values().stream().filter(m -> !isListed(m.tag()) && DiscoveredModels.canChat(m))
                        .forEach(m -> discovered.put(m.tag(), m));
            }
            reportedMissing.removeIf(tag -> !installed.containsKey(tag));
            reportedMissing.forEach(installed::remove);
            resolveSizesFromOllama(installed);
            next = build(true, null, installed);
        } catch (OllamaUnavailableException e) {
            next = build(false, e.getMessage(), Map.of());
        }
        snapshot = next;
        logChanges(previous, next);
        if (!knownSizes(previous).equals(knownSizes(next)) || !largestApprovedSize(previous).equals(largestApprovedSize(next))) {
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
    public record LastError(String message, Instant at) {
    }

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
        return knownSizes(snapshot);
    }

    private static Map<String, Double> knownSizes(Snapshot snapshot) {
        Map<String, Double> sizes = new HashMap<>();
        for (CatalogEntry e : snapshot.models()) {
            if (e.sizeB() != null) {
                sizes.put(e.tag(), e.sizeB());
            }
        }
        return sizes;
    }

    /** The yardstick for the size-adjusted ELO: the largest approved model of known size. */
    public Optional<Double> largestApprovedSize() {
        return largestApprovedSize(snapshot);
    }

    private static Optional<Double> largestApprovedSize(Snapshot snapshot) {
        return snapshot.models().stream()
                .filter(e -> e.sizeB() != null && e.state() != CatalogEntry.State.TOO_LARGE)
                .map(CatalogEntry::sizeB).max(Double::compare);
    }

    public Optional<CatalogEntry> find(String tag) {
        return snapshot.models().stream().filter(e -> e.tag().equals(tag)).findFirst();
    }

    private void resolveSizesFromOllama(Map<String, OllamaModel> installed) {
        for (ModelEntry m : configured) {
            if (configuredSize(m).isPresent() || sizesFromOllama.containsKey(m.tag()) || !installed.containsKey(m.tag())) {
                continue;
            }
            try {
                ollama.parameterSize(m.tag()).flatMap(ModelSize::fromParameterSize)
                        .ifPresent(size -> sizesFromOllama.put(m.tag(), size));
            } catch (OllamaUnavailableException e) {
                log.warn("Could not read the size of {} from Ollama: {}", m.tag(), e.getMessage());
            }
        }
    }

    private Snapshot build(boolean up, String problem, Map<String, OllamaModel> installed) {
        List<CatalogEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ModelEntry m : configured) {
            CatalogEntry entry = entry(m, up, installed);
            entries.add(entry);
            names.add(entry.name());
        }
        discovered.values().stream().filter(m -> !isListed(m.tag()))
                .sorted(java.util.Comparator.comparing(OllamaModel::tag))
                .forEach(m -> {
                    // Two models can share family, size and quantization: then the tag tells them apart.
                    String name = DiscoveredModels.of(m);
                    entries.add(DiscoveredModels.entry(m, names.add(name) ? name : m.tag(), up, installed, maxSizeB));
                });
        return new Snapshot(up, problem, clock.instant(), List.copyOf(entries));
    }

    private CatalogEntry entry(ModelEntry m, boolean up, Map<String, OllamaModel> installed) {
        Optional<Sized> configuredSize = configuredSize(m);
        Sized sized = configuredSize.orElseGet(() -> sizesFromOllama.containsKey(m.tag())
                ? new Sized(sizesFromOllama.get(m.tag()), "ollama") : new Sized(null, null));
        CatalogEntry.State state;
        String reason = null;
        if (sized.size() != null && sized.size() > maxSizeB) {
            state = CatalogEntry.State.TOO_LARGE;
            reason = String.format("refused: %s B parameters exceeds max_model_size_b (%s B)", fmt(sized.size()), fmt(maxSizeB));
        } else if (!up) {
            state = CatalogEntry.State.OLLAMA_DOWN;
            reason = "Ollama is not reachable";
        } else if (!installed.containsKey(m.tag())) {
            state = CatalogEntry.State.NOT_INSTALLED;
            reason = "not installed in Ollama (run: ollama pull " + m.tag() + ")";
        } else if (sized.size() == null) {
            state = CatalogEntry.State.SIZE_UNKNOWN;
            reason = "refused: size unknown (set size_b in the config, or put it in the name, e.g. \"(7B)\")";
        } else {
            state = CatalogEntry.State.AVAILABLE;
        }
        OllamaModel fromOllama = installed.get(m.tag());
        return new CatalogEntry(m.tag(), m.name(), sized.size(), sized.source(), state, reason,
                fromOllama == null ? null : fromOllama.quantization(), false);
    }

    private record Sized(Double size, String source) {
    }

    private static Optional<Sized> configuredSize(ModelEntry m) {
        if (m.sizeB() != null) {
            return Optional.of(new Sized(m.sizeB(), "config"));
        }
        return ModelSize.fromDisplayName(m.name()).map(size -> new Sized(size, "name"));
    }

    private void logChanges(Snapshot previous, Snapshot next) {
        boolean firstCheck = NOT_CHECKED.equals(previous.ollamaProblem());
        if (firstCheck || previous.ollamaUp() != next.ollamaUp()) {
            if (next.ollamaUp()) {
                log.info("Ollama is up at {}: {} of {} models available", ollama.url(), next.available().size(), next.models().size());
            } else {
                log.warn("{}. The arena keeps running and starts battles as soon as Ollama is up.", next.ollamaProblem());
            }
        }
        Map<String, CatalogEntry> before = new HashMap<>();
        previous.models().forEach(e -> before.put(e.tag(), e));
        for (CatalogEntry now : next.models()) {
            CatalogEntry was = before.get(now.tag());
            if (was == null && now.discovered()) {
                log.info("Discovered {} in Ollama as \"{}\": {}", now.tag(), now.name(), now.available() ? "available" : now.reason());
            } else if ((firstCheck || was == null || now.state() != was.state()) && now.state() != CatalogEntry.State.OLLAMA_DOWN
                    && now.reason() != null) {
                log.warn("Model {} ({}) {}", now.tag(), now.name(), now.reason());
            }
        }
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
