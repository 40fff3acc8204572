package org.gpupoor.arena.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gpupoor.arena.config.ModelEntry;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.ollama.OllamaModel;
import org.gpupoor.arena.ollama.OllamaUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models listed in the config as the catalog shows them: their sizes (from {@code size_b},
 * else the display name, else Ollama's {@code /api/show}) and whether they can battle.
 */
final class ListedModels {
    // Under the catalog's name, as this line was logged before the catalog was split.
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);

    private final OllamaGateway ollama;
    private final Map<String, Double> sizesFromOllama = new ConcurrentHashMap<>();

    ListedModels(OllamaGateway ollama) {
        this.ollama = ollama;
    }

    /** Asks Ollama, once per model, for the size of each installed listed model whose config and name give none. */
    void resolveSizes(List<ModelEntry> configured, Map<String, OllamaModel> installed) {
        for (ModelEntry m : configured) {
            if (configuredSize(m).isPresent()
                    || sizesFromOllama.containsKey(m.tag())
                    || !installed.containsKey(m.tag())) {
                continue;
            }
            try {
                ollama.parameterSize(m.tag())
                        .flatMap(ModelSize::fromParameterSize)
                        .ifPresent(size -> sizesFromOllama.put(m.tag(), size));
            } catch (OllamaUnavailableException e) {
                log.warn("Could not read the size of {} from Ollama: {}", m.tag(), e.getMessage());
            }
        }
    }

    CatalogEntry entry(ModelEntry m, boolean up, Map<String, OllamaModel> installed, double maxSizeB) {
        Optional<Sized> configuredSize = configuredSize(m);
        Sized sized = configuredSize.orElseGet(() -> sizesFromOllama.containsKey(m.tag())
                ? new Sized(sizesFromOllama.get(m.tag()), "ollama")
                : new Sized(null, null));
        CatalogEntry.State state;
        String reason = null;
        if (sized.size() != null && sized.size() > maxSizeB) {
            state = CatalogEntry.State.TOO_LARGE;
            reason = String.format(
                    "refused: %s B parameters exceeds max_model_size_b (%s B)",
                    ModelSize.format(sized.size()), ModelSize.format(maxSizeB));
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
        return new CatalogEntry(
                m.tag(),
                m.name(),
                sized.size(),
                sized.source(),
                state,
                reason,
                fromOllama == null ? null : fromOllama.quantization(),
                false,
                fromOllama == null ? null : fromOllama.digest());
    }

    private record Sized(Double size, String source) {}

    private static Optional<Sized> configuredSize(ModelEntry m) {
        if (m.sizeB() != null) {
            return Optional.of(new Sized(m.sizeB(), "config"));
        }
        return ModelSize.fromDisplayName(m.name()).map(size -> new Sized(size, "name"));
    }
}
