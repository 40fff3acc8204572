package org.gpupoor.arena.suggestion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.catalog.ModelSize;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.ollama.OllamaModel;
import org.gpupoor.arena.ollama.OllamaUnavailableException;
import org.gpupoor.arena.store.SuggestedTag;

/** The operator's view of the suggestions: for each tag, whether Ollama has it, whether it fits the size cap, whether it is approved. */
public final class SuggestionReview {
    private final Suggestions suggestions;
    private final ModelCatalog catalog;
    private final OllamaGateway ollama;
    private final LiveConfig config;

    public SuggestionReview(Suggestions suggestions, ModelCatalog catalog, OllamaGateway ollama, LiveConfig config) {
        this.suggestions = suggestions;
        this.catalog = catalog;
        this.ollama = ollama;
        this.config = config;
    }

    /**
     * One suggested tag, reviewed.
     *
     * @param inOllama   "yes", "no", or "unknown" when Ollama did not answer
     * @param sizeB      billions of parameters, null when unknown
     * @param sizeSource where the size came from: "catalog" (an approved model's), "ollama", "tag", or null
     * @param fitsCap    "yes", "no", or "unknown" when the size is unknown
     */
    public record Reviewed(
            String tag,
            int voters,
            List<String> reasons,
            String lastSuggestedAt,
            String inOllama,
            Double sizeB,
            String sizeSource,
            String fitsCap,
            boolean approved) {}

    public record Review(double maxModelSizeB, boolean ollamaAnswered, List<Reviewed> suggestions) {}

    public Review review() {
        double cap = config.current().maxModelSizeB();
        Map<String, OllamaModel> installed;
        try {
            installed = ollama.installedModels();
        } catch (OllamaUnavailableException e) {
            installed = null;
        }
        Map<String, OllamaModel> models = installed;
        List<Reviewed> rows =
                suggestions.all().stream().map(s -> reviewed(s, models, cap)).toList();
        return new Review(cap, installed != null, rows);
    }

    private Reviewed reviewed(SuggestedTag s, Map<String, OllamaModel> installed, double cap) {
        Optional<CatalogEntry> entry = catalog.find(s.tag());
        OllamaModel model = installed == null ? null : installed.get(s.tag());
        Double size = null;
        String source = null;
        if (entry.isPresent() && entry.get().sizeB() != null) {
            size = entry.get().sizeB();
            source = "catalog";
        } else if (model != null
                && ModelSize.fromParameterSize(model.parameterSize()).isPresent()) {
            size = ModelSize.fromParameterSize(model.parameterSize()).get();
            source = "ollama";
        } else if (ModelSize.fromTag(s.tag()).isPresent()) {
            size = ModelSize.fromTag(s.tag()).get();
            source = "tag";
        }
        return new Reviewed(
                s.tag(),
                s.voters(),
                s.reasons(),
                s.lastSuggestedAt(),
                installed == null ? "unknown" : model != null ? "yes" : "no",
                size,
                source,
                size == null ? "unknown" : size <= cap ? "yes" : "no",
                entry.isPresent());
    }
}
