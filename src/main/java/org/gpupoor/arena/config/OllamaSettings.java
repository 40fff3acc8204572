package org.gpupoor.arena.config;

import java.util.List;

/**
 * The {@code ollama} section: where Ollama answers and which of its models battle.
 *
 * @param autoDiscover whether every model Ollama has (within the size cap) battles too, beside those listed
 * @param hosts        several Ollama servers instead of {@code url}; empty for the one at {@code url}
 * @param memoryGb     the memory each host gives models (GPU memory, or RAM without a GPU); null to
 *                     learn it as the most the host has held at once
 */
public record OllamaSettings(String url, String apiKey, Boolean autoDiscover, List<String> hosts, Double memoryGb) {
    public static final String DEFAULT_URL = "http://localhost:11434";

    public OllamaSettings {
        url = url == null || url.isBlank() ? DEFAULT_URL : OllamaHost.normalize(url);
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        autoDiscover = autoDiscover != null && autoDiscover;
        hosts = hosts == null
                ? List.of()
                : hosts.stream().map(OllamaHost::normalize).toList();
    }

    public OllamaSettings(String url, String apiKey, Boolean autoDiscover, List<String> hosts) {
        this(url, apiKey, autoDiscover, hosts, null);
    }

    public OllamaSettings(String url, String apiKey, Boolean autoDiscover) {
        this(url, apiKey, autoDiscover, List.of());
    }

    /** Bytes each host holds, 0 when not set. */
    public long memoryBytes() {
        return memoryGb == null ? 0 : Math.round(memoryGb * 1e9);
    }

    public OllamaSettings(String url, String apiKey) {
        this(url, apiKey, false);
    }

    /** The Ollama servers to use: {@code hosts}, or the one at {@code url}. */
    public List<String> urls() {
        return hosts.isEmpty() ? List.of(url) : hosts;
    }
}
