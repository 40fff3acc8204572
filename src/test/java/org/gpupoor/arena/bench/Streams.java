package org.gpupoor.arena.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Token streams as a client sees them: time to first token from the moment the request is sent,
 * the gaps between tokens, and each stream's tokens per second. Straight from the Ollama test
 * server, or through the arena (a battle: POST, then its event stream, both sides).
 */
record Streams(List<Double> firstTokenMs, List<Double> gapsMs, List<Double> tokensPerSecond, int failures) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Streams direct(HttpClient http, String ollama, int clients, int rounds) throws InterruptedException {
        return run(clients, rounds, (client, into) -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(ollama + "/api/chat"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + ArenaBenchmark.tag(1 + client % ArenaBenchmark.MODELS)
                            + "\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Tell me something.\"}]}"))
                    .build();
            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            List<Long> times = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    JsonNode piece = JSON.readTree(line);
                    if (!piece.path("message").path("content").asText().isEmpty()) {
                        times.add(System.nanoTime());
                    }
                }
            }
            into.add(start, times);
        });
    }

    static Streams throughArena(HttpClient http, String arena, int clients, int rounds) throws InterruptedException {
        return run(clients, rounds, (client, into) -> {
            long start = System.nanoTime();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(arena + "/api/battles"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Tell me something.\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("battle refused: " + created.statusCode() + " " + created.body());
            }
            String id = JSON.readTree(created.body()).get("id").asText();
            HttpResponse<InputStream> events = http.send(HttpRequest.newBuilder(URI.create(arena + "/api/battles/" + id + "/events"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            Map<String, List<Long>> bySide = new HashMap<>(Map.of("a", new ArrayList<>(), "b", new ArrayList<>()));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                String event = "";
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && event.equals("token")) {
                        bySide.get(JSON.readTree(line.substring(5)).get("side").asText()).add(System.nanoTime());
                    } else if (line.startsWith("data:") && event.equals("end")) {
                        if (!line.contains("\"ready\"")) {
                            throw new IllegalStateException("battle failed: " + line);
                        }
                        break;
                    }
                }
            }
            into.add(start, bySide.get("a"));
            into.add(start, bySide.get("b"));
        });
    }

    private interface Client {
        void stream(int client, Collector into) throws Exception;
    }

    /** Gathers the figures of many streams from many threads. */
    static final class Collector {
        final List<Double> first = Collections.synchronizedList(new ArrayList<>());
        final List<Double> gaps = Collections.synchronizedList(new ArrayList<>());
        final List<Double> rates = Collections.synchronizedList(new ArrayList<>());

        void add(long start, List<Long> tokenTimes) {
            if (tokenTimes.isEmpty()) {
                return;
            }
            first.add((tokenTimes.get(0) - start) / 1e6);
            for (int i = 1; i < tokenTimes.size(); i++) {
                gaps.add((tokenTimes.get(i) - tokenTimes.get(i - 1)) / 1e6);
            }
            if (tokenTimes.size() > 1) {
                rates.add((tokenTimes.size() - 1) / ((tokenTimes.get(tokenTimes.size() - 1) - tokenTimes.get(0)) / 1e9));
            }
        }
    }

    private static Streams run(int clients, int rounds, Client client) throws InterruptedException {
        Collector into = new Collector();
        CountDownLatch done = new CountDownLatch(clients);
        int[] failures = new int[1];
        for (int c = 0; c < clients; c++) {
            int number = c;
            Thread thread = new Thread(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        client.stream(number, into);
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures[0]++;
                    }
                    System.err.println("stream failed: " + e);
                } finally {
                    done.countDown();
                }
            }, "stream-client");
            thread.start();
        }
        done.await();
        return new Streams(List.copyOf(into.first), List.copyOf(into.gaps), List.copyOf(into.rates), failures[0]);
    }
}
