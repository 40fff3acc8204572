package org.gpupoor.arena.config;

/** Ollama treats {@code llama3.2} and {@code llama3.2:latest} as the same model; so do we. */
public final class ModelTags {
    private ModelTags() {}

    public static String canonical(String tag) {
        String name = tag.strip();
        int slash = name.lastIndexOf('/');
        return name.indexOf(':', slash + 1) >= 0 ? name : name + ":latest";
    }
}
