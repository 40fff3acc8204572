package org.gpupoor.arena.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP client for the arena's API, as any browser or script would use it. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode json) {
        public String text() {
            return raw.body();
        }
    }

    /** A server-sent event as received on the wire. */
    public record Event(String id, String name, JsonNode data, String rawData) {}

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String jsonBody) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                json = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads a battle's event stream until its "end" event (or the timeout), resuming after {@code lastEventId}. */
    public List<Event> events(String battleId, String lastEventId, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/battles/" + battleId + "/events"))
                .header("Accept", "text/event-stream")
                .timeout(timeout)
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        Streamed streamed = stream(request);
        if (streamed.status() != 200) {
            throw new IllegalStateException("event stream answered " + streamed.status());
        }
        return streamed.events();
    }

    /** An answer that is an event stream: its status, headers, and events up to "end" (none when refused). */
    public record Streamed(int status, HttpHeaders headers, List<Event> events) {
        /** The battle the answer made, from its Location header. */
        public String battleId() {
            return headers.firstValue("Location").orElseThrow().substring("/api/battles/".length());
        }
    }

    /** POSTs {@code jsonBody} asking for the answer as an event stream (a new battle's events), read to "end". */
    public Streamed postForEvents(String path, String jsonBody) {
        return stream(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    private Streamed stream(HttpRequest.Builder request) {
        List<Event> events = new ArrayList<>();
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                    reader.lines().forEach(line -> {}); // a refusal: read, so the connection stays usable
                    return new Streamed(response.statusCode(), response.headers(), events);
                }
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (name != null) {
                            String raw = data.toString();
                            events.add(new Event(id, name, JSON.readTree(raw), raw));
                            if (name.equals("end")) {
                                // Read on to the end of the response (the server ends it right after this
                                // event): a body closed half-read can leave the client's pooled connection
                                // in a state where the next request on it fails.
                                while (reader.readLine() != null) {
                                    // nothing more is expected
                                }
                                break;
                            }
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            }
            return new Streamed(response.statusCode(), response.headers(), events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Event> events(String battleId) {
        return events(battleId, null, Duration.ofSeconds(30));
    }

    /** How a battle's event stream ended: "ready" or "failed". */
    public static String endStatus(List<Event> events) {
        Event last = events.get(events.size() - 1);
        if (!last.name().equals("end")) {
            throw new AssertionError("the stream stopped before its end event: " + last);
        }
        return last.data().get("status").asText();
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A board's counts and ratings alone: speed medians follow the answers and are refreshed in the background. */
    public static JsonNode withoutSpeeds(JsonNode board) {
        board.get("rows").forEach(row -> ((com.fasterxml.jackson.databind.node.ObjectNode) row).remove("speed"));
        return board;
    }
}
