package org.gpupoor.arena.battle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gpupoor.arena.config.ModelEntry;

/**
 * The words by which a model's answer gives it away: its own name and its maker's. Only a
 * model's own words count, so an answer that merely mentions Google or Excel is not flagged.
 */
final class IdentityWords {
    /** Makers of the model families an arena for compact models is likely to host. */
    private static final Map<String, List<String>> MAKERS = Map.ofEntries(
            Map.entry("llama", List.of("Meta")),
            Map.entry("qwen", List.of("Alibaba", "Tongyi")),
            Map.entry("gemma", List.of("Google", "DeepMind")),
            Map.entry("phi", List.of("Microsoft")),
            Map.entry("mistral", List.of("Mistral AI")),
            Map.entry("ministral", List.of("Mistral AI")),
            Map.entry("granite", List.of("IBM")),
            Map.entry("hermes", List.of("Nous Research")),
            Map.entry("smollm", List.of("Hugging Face", "HuggingFace")),
            Map.entry("smollm2", List.of("Hugging Face", "HuggingFace")),
            Map.entry("falcon", List.of("Technology Innovation Institute", "TII")),
            Map.entry("deepseek", List.of("DeepSeek")),
            Map.entry("yi", List.of("01.AI")),
            Map.entry("olmo", List.of("Allen Institute", "AI2")),
            Map.entry("aya", List.of("Cohere")),
            Map.entry("exaone", List.of("LG AI")),
            Map.entry("internlm", List.of("Shanghai AI Laboratory")));

    private IdentityWords() {}

    static List<String> of(ModelEntry model) {
        if (model.identityWords() != null) {
            return model.identityWords();
        }
        List<String> words = new ArrayList<>();
        String first = model.name().split("[^\\p{L}\\p{N}.]+")[0].replaceAll("\\.$", "");
        if (!first.isEmpty()) {
            words.add(first);
            // "Qwen2" or "Gemma2", as discovered models are named: the family word is "Qwen", "Gemma".
            String family = first.replaceAll("[\\d.]+$", "");
            if (!family.isEmpty() && !family.equals(first)) {
                words.add(family);
            }
            words.addAll(MAKERS.getOrDefault(family.toLowerCase(Locale.ROOT), List.of()));
        }
        return words;
    }
}
