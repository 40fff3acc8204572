package org.gpupoor.arena.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one host holds in memory ({@code GET /api/ps}) and the requests that change it: an empty
 * generate loads a model, the same with {@code keep_alive: 0} unloads it. Ollama4j 1.1.6 has no
 * call for the first that reports a missing route apart from other errors, so these are plain HTTP.
 */
final class ModelMemory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOOK_TIMEOUT = Duration.ofSeconds(5);

    private final String url;
    private final String authorization;
    private final java.util.function.Supplier<HttpClient> http;

    /** @param http the host's shared client, made on first use */
    ModelMemory(String url, String apiKey, java.util.function.Supplier<HttpClient> http) {
        this.url = url.replaceAll("/+$", "");
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
        this.http = http;
    }

    List<LoadedModel> loaded() throws IOException, InterruptedException, PsUnsupportedException {
        HttpResponse<String> response =
                http.get().send(request("/api/ps", LOOK_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            throw new PsUnsupportedException(url);
        }
        if (response.statusCode() != 200) {
            throw new IOException("Ollama at " + url + " answered /api/ps with " + response.statusCode());
        }
        List<LoadedModel> models = new ArrayList<>();
        for (JsonNode m : JSON.readTree(response.body()).path("models")) {
            long bytes = m.path("size").asLong();
            String name = m.path("name").asText(m.path("model").asText(""));
            if (bytes <= 0 || name.isBlank()) {
                continue; // an entry that says nothing usable
            }
            models.add(new LoadedModel(
                    name,
                    bytes,
                    m.path("size_vram").asLong(bytes),
                    instant(m.path("expires_at").asText(null))));
        }
        return models;
    }

    /**
     * Ollama's {@code /api/show} of one model. Plain HTTP because Ollama4j 1.1.6's ModelDetail
     * drops {@code model_info}, where the context length and parameter count are.
     */
    ModelFacts show(String tag) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("model", tag).toString();
        HttpResponse<String> response = http.get()
                .send(
                        request("/api/show", LOOK_TIMEOUT)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "Ollama at " + url + " answered /api/show of " + tag + " with " + response.statusCode());
        }
        return ModelFacts.of(JSON.readTree(response.body()));
    }

    /** Loads {@code tag} (or with {@code keepAlive} "0", unloads it); returns Ollama's load_duration in ms. */
    long load(String tag, String keepAlive, Duration timeout) throws IOException, InterruptedException {
        String body = JSON.createObjectNode()
                .put("model", tag)
                .put("keep_alive", keepAlive)
                .toString();
        HttpResponse<String> response = http.get()
                .send(
                        request("/api/generate", timeout)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Ollama at " + url + " answered a load of " + tag + " with " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("load_duration").asLong() / 1_000_000;
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null; // Go writes nanoseconds and its own zone forms; the expiry is only a hint
        }
    }
}
