package org.gpupoor.arena.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What Ollama's {@code /api/show} says of a model; any part may be null when Ollama does not say.
 *
 * @param license       the license's first line (its title), not its whole text
 * @param contextLength the context window the model was trained for ({@code <arch>.context_length})
 */
public record ModelFacts(
        String family,
        String parameterSize,
        Long parameterCount,
        String quantization,
        Integer contextLength,
        String license,
        List<String> capabilities) {
    private static final int LICENSE_TITLE_CHARS = 120;

    static ModelFacts of(JsonNode show) {
        JsonNode details = show.path("details");
        JsonNode info = show.path("model_info");
        Integer context = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = info.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().endsWith(".context_length") && field.getValue().canConvertToInt()) {
                context = field.getValue().asInt();
            }
        }
        List<String> capabilities = new ArrayList<>();
        show.path("capabilities").forEach(c -> capabilities.add(c.asText()));
        return new ModelFacts(
                text(details, "family"),
                text(details, "parameter_size"),
                info.path("general.parameter_count").canConvertToLong()
                        ? info.get("general.parameter_count").asLong()
                        : null,
                text(details, "quantization_level"),
                context,
                licenseTitle(show.path("license").asText("")),
                List.copyOf(capabilities));
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isBlank() ? null : value;
    }

    private static String licenseTitle(String license) {
        for (String line : license.split("\\R")) {
            String title = line.strip();
            if (!title.isEmpty()) {
                return title.length() <= LICENSE_TITLE_CHARS ? title : title.substring(0, LICENSE_TITLE_CHARS) + "…";
            }
        }
        return null;
    }
}
