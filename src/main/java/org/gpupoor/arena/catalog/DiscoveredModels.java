package org.gpupoor.arena.catalog;

import java.util.Locale;
import java.util.Map;
import org.gpupoor.arena.ollama.OllamaModel;

/** Models found in Ollama rather than listed: which can chat, their display names (family, size, quantization), their entries. */
final class DiscoveredModels {
    private DiscoveredModels() {}

    /**
     * Embedding models (BERT-family architectures such as nomic-embed-text, or "embed" in the
     * name) cannot answer a chat: discovering them would fail every battle they were paired in.
     */
    static boolean canChat(OllamaModel m) {
        String family = m.family() == null ? "" : m.family().toLowerCase(Locale.ROOT);
        return !family.contains("bert") && !m.tag().toLowerCase(Locale.ROOT).contains("embed");
    }

    static String of(OllamaModel m) {
        if (m.family() == null || m.family().isBlank()) {
            return m.tag();
        }
        StringBuilder name = new StringBuilder(m.family().substring(0, 1).toUpperCase(Locale.ROOT))
                .append(m.family().substring(1));
        if (m.parameterSize() != null && !m.parameterSize().isBlank()) {
            name.append(' ').append(m.parameterSize().strip());
        }
        if (m.quantization() != null && !m.quantization().isBlank()) {
            name.append(' ').append(m.quantization().strip());
        }
        return name.toString();
    }

    /** A model found in Ollama as the catalog lists it: available, or why not. */
    static CatalogEntry entry(
            OllamaModel m, String name, boolean up, Map<String, OllamaModel> installed, double maxSizeB) {
        Double size = m.parameterSize() == null
                ? null
                : ModelSize.fromParameterSize(m.parameterSize()).orElse(null);
        CatalogEntry.State state;
        String reason = null;
        if (size != null && size > maxSizeB) {
            state = CatalogEntry.State.TOO_LARGE;
            reason = String.format(
                    "refused: %s B parameters exceeds max_model_size_b (%s B)",
                    ModelSize.format(size), ModelSize.format(maxSizeB));
        } else if (!up) {
            state = CatalogEntry.State.OLLAMA_DOWN;
            reason = "Ollama is not reachable";
        } else if (!installed.containsKey(m.tag())) {
            state = CatalogEntry.State.NOT_INSTALLED;
            reason = "removed from Ollama; its battles stay on the boards";
        } else if (size == null) {
            state = CatalogEntry.State.SIZE_UNKNOWN;
            reason = "refused: Ollama gives no parameter size (list it under models with size_b)";
        } else {
            state = CatalogEntry.State.AVAILABLE;
        }
        return new CatalogEntry(
                m.tag(), name, size, size == null ? null : "ollama", state, reason, m.quantization(), true, m.digest());
    }
}
