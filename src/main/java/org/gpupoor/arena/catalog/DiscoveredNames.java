package org.gpupoor.arena.catalog;

import java.util.Locale;
import org.gpupoor.arena.ollama.OllamaModel;

/** Display names for models found in Ollama rather than listed: family, size and quantization, "Qwen2 494.03M Q8_0". */
final class DiscoveredNames {
    private DiscoveredNames() {
    }

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
        StringBuilder name = new StringBuilder(m.family().substring(0, 1).toUpperCase(Locale.ROOT)).append(m.family().substring(1));
        if (m.parameterSize() != null && !m.parameterSize().isBlank()) {
            name.append(' ').append(m.parameterSize().strip());
        }
        if (m.quantization() != null && !m.quantization().isBlank()) {
            name.append(' ').append(m.quantization().strip());
        }
        return name.toString();
    }
}
