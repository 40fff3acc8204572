package org.gpupoor.arena.ollama;

import io.github.ollama4j.Ollama;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Ollama server: its clients, what it had at the last look, whether it answered, and how
 * many answers it is generating for the arena now (to spread the load across hosts).
 */
final class HostClient {
    private static final long METADATA_TIMEOUT_SECONDS = 10;

    final String url;
    final Ollama metadata;
    final ChatStream chat;
    final ModelMemory memory;
    final AtomicInteger generating = new AtomicInteger();
    private volatile boolean up = true; // until a look or a failed answer says otherwise
    private volatile String problem;
    private volatile Set<String> installed = Set.of();
    private volatile java.util.Map<String, Long> fileBytes = java.util.Map.of();

    HostClient(String url, String apiKey) {
        this.url = url;
        this.metadata = new Ollama(url);
        metadata.setRequestTimeoutSeconds(METADATA_TIMEOUT_SECONDS);
        if (apiKey != null) {
            metadata.setBearerAuth(apiKey);
        }
        this.chat = new ChatStream(url, apiKey);
        this.memory = new ModelMemory(url, apiKey, chat::client);
    }

    boolean up() {
        return up;
    }

    String problem() {
        return problem;
    }

    Set<String> installed() {
        return installed;
    }

    boolean has(String tag) {
        return up && installed.contains(tag);
    }

    /** The size of each model's file, as the last look at the model list gave it. */
    long fileBytes(String tag) {
        return fileBytes.getOrDefault(tag, 0L);
    }

    void answered(java.util.Map<String, OllamaModel> models) {
        installed = Set.copyOf(models.keySet());
        java.util.Map<String, Long> sizes = new java.util.HashMap<>();
        models.forEach((tag, m) -> sizes.put(tag, m.fileBytes()));
        fileBytes = java.util.Map.copyOf(sizes);
        problem = null;
        up = true;
    }

    /** Skipped for answers until the next look at its model list finds it back. */
    void down(String why) {
        problem = why;
        up = false;
    }
}
