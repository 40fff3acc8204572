package org.gpupoor.arena.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.gpupoor.arena.testing.GpuMemory;

/**
 * Voters as the warm-arena bench plays them: each one starts a battle, watches both answers
 * stream in, reads them for a while and votes, by a hidden strength per model (so the board has
 * something true to find), then starts the next. Times are measured from the Generate click (the
 * POST) to each side's first token and to the end of both answers.
 */
final class VoterRun {
    record Figures(double median, double p90) {
        static Figures of(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return new Figures(Double.NaN, Double.NaN);
            }
            return new Figures(sorted.get(sorted.size() / 2), sorted.get((int)
                    Math.min(sorted.size() - 1, Math.ceil(0.9 * sorted.size()) - 1)));
        }
    }

    /** In simulated seconds. */
    record Result(
            Figures firstToken,
            Figures secondFirstToken,
            Figures bothDone,
            double loadSeconds,
            int mostBattles,
            int fewestBattles,
            int pairsNeverDrawn,
            double meanIntervalWidth,
            double coldSideShare,
            int preloads) {}

    private final String url;
    private final List<String> models;
    private final double scale;
    private final double readingSeconds;
    private final Map<String, Double> strength = new HashMap<>();
    private final List<Double> firstTokens = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> secondTokens = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> bothDone = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> battles = new HashMap<>();
    private final Set<String> pairs = new HashSet<>();
    private final AtomicInteger sides = new AtomicInteger();
    private final AtomicInteger coldSides = new AtomicInteger();

    VoterRun(String url, Collection<String> models, double scale, double readingSeconds) {
        this.url = url;
        this.models = List.copyOf(models);
        this.scale = scale;
        this.readingSeconds = readingSeconds;
        Random hidden = new Random(42);
        this.models.forEach(m -> strength.put(m, 1000 + 150 * hidden.nextGaussian()));
    }

    Result play(int voters, int total, GpuMemory gpu, java.util.function.IntSupplier preloadCount) throws Exception {
        AtomicInteger left = new AtomicInteger(total);
        ExecutorService pool = Executors.newFixedThreadPool(voters);
        List<Future<?>> running = new ArrayList<>();
        for (int v = 0; v < voters; v++) {
            Random random = new Random(v);
            running.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    battle(random);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        int preloads = preloadCount.getAsInt();
        int most =
                models.stream().mapToInt(m -> battles.getOrDefault(m, 0)).max().orElse(0);
        int fewest =
                models.stream().mapToInt(m -> battles.getOrDefault(m, 0)).min().orElse(0);
        int allPairs = models.size() * (models.size() - 1) / 2;
        return new Result(
                Figures.of(firstTokens),
                Figures.of(secondTokens),
                Figures.of(bothDone),
                gpu.loadNanos() / 1e9 / scale,
                most,
                fewest,
                allPairs - pairs.size(),
                intervalWidth(),
                coldSides.get() / (double) Math.max(1, sides.get()),
                preloads);
    }

    static String code(int model) {
        return "qz" + model;
    }

    private void battle(Random random) throws Exception {
        try (WireClient wire = new WireClient(url)) {
            long start = System.nanoTime();
            WireClient.Response created = wire.send("POST", "/api/battles", "{\"prompt\": \"Tell me something.\"}");
            if (created.status() != 201) {
                throw new IllegalStateException("battle refused: " + created.status() + " " + created.body());
            }
            String id = WarmArenaBench.json(created.body()).get("id").asText();
            Map<String, Long> firstToken = new HashMap<>();
            Map<String, String> writer = new HashMap<>();
            String[] event = {""};
            long[] end = {0};
            wire.stream("GET", "/api/battles/" + id + "/events", null, line -> {
                if (line.startsWith("event: ")) {
                    event[0] = line.substring(7);
                } else if (line.startsWith("data: ") && event[0].equals("token")) {
                    JsonNode token = WarmArenaBench.JSON.readTree(line.substring(6));
                    String side = token.path("side").asText();
                    if (firstToken.putIfAbsent(side, System.nanoTime()) == null) {
                        writer.put(side, token.path("text").asText().strip());
                    }
                } else if (line.startsWith("data: ") && event[0].equals("done")) {
                    sides.incrementAndGet();
                    if (WarmArenaBench.JSON
                                    .readTree(line.substring(6))
                                    .path("load_ms")
                                    .asLong()
                            >= 100 * scale) {
                        coldSides.incrementAndGet();
                    }
                } else if (line.startsWith("data: ") && event[0].equals("end")) {
                    end[0] = System.nanoTime();
                    return false;
                }
                return true;
            });
            List<Long> firsts = new ArrayList<>(firstToken.values());
            Collections.sort(firsts);
            if (firsts.size() == 2) {
                firstTokens.add(seconds(firsts.get(0) - start));
                secondTokens.add(seconds(firsts.get(1) - start));
            }
            bothDone.add(seconds(end[0] - start));
            // The voter reads the answers: a deliberate pause of the simulation, not a wait for a result.
            Thread.sleep(Math.round(readingSeconds * 1000 * scale));
            vote(wire, id, writer, random);
        }
    }

    /** Votes as the Bradley-Terry model says a voter would, given each side's hidden strength. */
    private void vote(WireClient wire, String id, Map<String, String> writer, Random random) throws Exception {
        double a0 = strength.get(models.get(Integer.parseInt(writer.get("a").substring(2))));
        double b0 = strength.get(models.get(Integer.parseInt(writer.get("b").substring(2))));
        String winner = random.nextDouble() < 1 / (1 + Math.pow(10, (b0 - a0) / 400)) ? "a" : "b";
        WireClient.Response voted =
                wire.send("POST", "/api/battles/" + id + "/vote", "{\"winner\": \"" + winner + "\"}");
        if (voted.status() != 200) {
            throw new IllegalStateException("vote refused: " + voted.status() + " " + voted.body());
        }
        JsonNode models = WarmArenaBench.json(voted.body()).path("models");
        String a = models.path("a").path("tag").asText();
        String b = models.path("b").path("tag").asText();
        synchronized (this) {
            battles.merge(a, 1, Integer::sum);
            battles.merge(b, 1, Integer::sum);
            pairs.add(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
        }
    }

    private double seconds(long nanos) {
        return nanos / 1e9 / scale;
    }

    private double intervalWidth() throws Exception {
        try (WireClient wire = new WireClient(url)) {
            JsonNode rows = WarmArenaBench.json(
                            wire.send("GET", "/api/leaderboard/bt", null).body())
                    .path("rows");
            double sum = 0;
            int n = 0;
            for (JsonNode row : rows) {
                sum += row.path("ci_high").asDouble() - row.path("ci_low").asDouble();
                n++;
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }
}
