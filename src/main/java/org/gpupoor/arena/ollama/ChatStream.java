package org.gpupoor.arena.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollama4j.models.chat.OllamaChatMessage;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.utils.Utils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams {@code POST /api/chat}: on {@code http://} over {@link PlainHttp}'s kept-alive
 * connections, read by the side's own thread; on {@code https://} over one JDK HTTP client
 * shared by every battle. Ollama4j 1.1.6
 * builds a new client (its own threads and a new connection) for every chat call, which the
 * benchmark measured at +30 ms on a lone battle's first token and +0.7 s at 64 battles; no
 * version lets us hand it a client. The request and every streamed line are still Ollama4j's
 * own types, read and written with its own mapper, so the wire format stays the library's.
 */
final class ChatStream {
    private static final ObjectMapper OLLAMA_JSON = Utils.getObjectMapper();
    /**
     * Reads the streamed lines without their message's role: Ollama4j 1.1.6 adds every role it
     * makes to a static list that is never emptied, so reading one per token leaked an object
     * per token for as long as the arena ran. Nothing here needs the role (it is "assistant").
     */
    private static final ObjectMapper CHUNK_JSON =
            Utils.getObjectMapper().copy().addMixIn(OllamaChatMessage.class, WithoutRole.class);

    @JsonIgnoreProperties(value = "role", ignoreUnknown = true)
    private abstract static class WithoutRole {}

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
    private final String authorization;
    private final PlainHttp plain;
    private HttpClient http;

    ChatStream(String url, String apiKey) {
        this.endpoint = URI.create(url.replaceAll("/+$", "") + "/api/chat");
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
        // https (a remote Ollama behind a proxy) keeps the JDK client, which speaks TLS.
        this.plain = PlainHttp.handles(endpoint) ? new PlainHttp(endpoint, CONNECT_TIMEOUT) : null;
    }

    /**
     * Sends the request with streaming on and hands every line to {@code onChunk}; returns the
     * last line (Ollama's "done" line with the counts, unless the stream was cut). An exception
     * thrown by {@code onChunk} closes the stream, which tells Ollama to stop generating.
     */
    OllamaChatResponseModel stream(
            OllamaChatRequest request, Duration headersTimeout, Consumer<OllamaChatResponseModel> onChunk)
            throws IOException, InterruptedException, OllamaReplyException {
        request.setStream(true);
        byte[] body = OLLAMA_JSON.writeValueAsBytes(request);
        if (plain != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("Accept", "application/x-ndjson");
            if (authorization != null) {
                headers.put("Authorization", authorization);
            }
            try (PlainHttp.Reply reply = plain.post(endpoint.getRawPath(), headers, body, headersTimeout)) {
                return read(reply.status(), reply.body(), onChunk);
            }
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(endpoint)
                .timeout(headersTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            post.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response = client().send(post.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            return read(response.statusCode(), in, onChunk);
        }
    }

    private static OllamaChatResponseModel read(int status, InputStream body, Consumer<OllamaChatResponseModel> onChunk)
            throws IOException, OllamaReplyException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        if (status != 200) {
            throw new OllamaReplyException(status, errorText(lines), false);
        }
        OllamaChatResponseModel last = null;
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            OllamaChatResponseModel chunk = CHUNK_JSON.readValue(line, OllamaChatResponseModel.class);
            if (chunk.getError() != null) {
                throw new OllamaReplyException(200, chunk.getError(), true);
            }
            last = chunk;
            onChunk.accept(chunk);
            if (chunk.isDone()) {
                break;
            }
        }
        return last;
    }

    /** Made on first use: building an HTTP client loads TLS classes, a third of a second the start-up need not wait for. */
    synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }
        return http;
    }

    private static String errorText(BufferedReader body) {
        StringBuilder text = new StringBuilder();
        try {
            for (String line; (line = body.readLine()) != null && text.length() < 4096; ) {
                text.append(line);
            }
            return OLLAMA_JSON.readTree(text.toString()).path("error").asText(text.toString());
        } catch (IOException e) {
            return text.toString();
        }
    }
}
