package org.gpupoor.arena.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Token streams as a client sees them: time to first token from the moment the request is sent,
 * the gaps between tokens, and each stream's tokens per second. Straight from the Ollama test
 * server, or through the arena (a battle: one POST that asks for its event stream, both sides).
 */
record Streams(List<Double> firstTokenMs, List<Double> gapsMs, List<Double> tokensPerSecond, int failures) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A client's pause between its battles, as a voter reads and votes before the next: back to
     * back, each new battle met the end of the last one (its answers being stored) in the arena.
     */
    static final long PAUSE_MILLIS = 250;

    /** {@code battles} battles' worth of streams (two each), their starts spread over {@code spreadMillis}. */
    static Streams direct(String ollama, int battles, int rounds, long spreadMillis) throws InterruptedException {
        return run(2 * battles, 2, rounds, spreadMillis, (client, into) -> {
            String body = "{\"model\": \"" + ArenaBenchmark.tag(1 + client % ArenaBenchmark.MODELS)
                    + "\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Tell me something.\"}]}";
            List<Long> times = new ArrayList<>();
            try (WireClient wire = new WireClient(ollama)) {
                long start = System.nanoTime();
                wire.stream("POST", "/api/chat", body, line -> {
                    if (!line.isBlank()
                            && !JSON.readTree(line)
                                    .path("message")
                                    .path("content")
                                    .asText()
                                    .isEmpty()) {
                        times.add(System.nanoTime());
                    }
                    return true;
                });
                into.add(start, times);
            }
        });
    }

    static Streams throughArena(String arena, int battles, int rounds, long spreadMillis) throws InterruptedException {
        return run(battles, 1, rounds, spreadMillis, (client, into) -> {
            Map<String, List<Long>> bySide = new HashMap<>(Map.of("a", new ArrayList<>(), "b", new ArrayList<>()));
            try (WireClient wire = new WireClient(arena)) {
                long start = System.nanoTime();
                String[] event = {""};
                int status = wire.stream(
                        "POST",
                        "/api/battles",
                        "{\"prompt\": \"Tell me something.\"}",
                        line -> {
                            if (line.startsWith("event:")) {
                                event[0] = line.substring(6).trim();
                            } else if (line.startsWith("data:") && event[0].equals("token")) {
                                bySide.get(JSON.readTree(line.substring(5))
                                                .get("side")
                                                .asText())
                                        .add(System.nanoTime());
                            } else if (line.startsWith("data:") && event[0].equals("end")) {
                                if (!line.contains("\"ready\"")) {
                                    throw new IllegalStateException("battle failed: " + line);
                                }
                                return false;
                            }
                            return true;
                        },
                        "Accept",
                        "text/event-stream");
                if (status != 201) {
                    throw new IllegalStateException("battle refused: " + status);
                }
                into.add(start, bySide.get("a"));
                into.add(start, bySide.get("b"));
            }
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
                rates.add(
                        (tokenTimes.size() - 1) / ((tokenTimes.get(tokenTimes.size() - 1) - tokenTimes.get(0)) / 1e9));
            }
        }
    }

    /**
     * Runs {@code clients} clients, {@code rounds} streams each, one after the other. Clients start
     * in groups of {@code perStart}, the groups spread evenly over {@code spreadMillis}: a crowd that
     * keeps that many streams in flight, not one that presses the button in the same millisecond.
     */
    private static Streams run(int clients, int perStart, int rounds, long spreadMillis, Client client)
            throws InterruptedException {
        Collector into = new Collector();
        CountDownLatch done = new CountDownLatch(clients);
        int[] failures = new int[1];
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
        for (int c = 0; c < clients; c++) {
            int number = c;
            long delay = (long) number / perStart * spreadMillis * perStart / clients;
            Thread thread = new Thread(
                    () -> {
                        try {
                            for (int r = 0; r < rounds; r++) {
                                if (r > 0) {
                                    Thread.sleep(PAUSE_MILLIS);
                                }
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
                    },
                    "stream-client");
            starter.schedule(thread::start, delay, TimeUnit.MILLISECONDS);
        }
        done.await();
        starter.shutdown();
        return new Streams(List.copyOf(into.first), List.copyOf(into.gaps), List.copyOf(into.rates), failures[0]);
    }
}
