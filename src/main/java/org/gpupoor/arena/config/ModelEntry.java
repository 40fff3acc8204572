package org.gpupoor.arena.config;

import java.util.List;

/**
 * One approved model: the Ollama tag, the name shown after a vote, an optional size, and
 * optionally the words by which its answers would give it away (default: the first word of
 * its name and its maker, e.g. "Llama" and "Meta").
 */
public record ModelEntry(String tag, String name, Double sizeB, List<String> identityWords) {
    public ModelEntry {
        tag = tag == null || tag.isBlank() ? null : ModelTags.canonical(tag);
        name = name == null || name.isBlank() ? tag : name.strip();
        identityWords = identityWords == null ? null : List.copyOf(identityWords);
    }

    public ModelEntry(String tag, String name, Double sizeB) {
        this(tag, name, sizeB, null);
    }
}
