package org.gpupoor.arena.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.GenerationSettings;
import org.gpupoor.arena.config.Matchmaking;
import org.gpupoor.arena.config.OllamaSettings;
import org.gpupoor.arena.config.Voters;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.GpuMemory;
import org.gpupoor.arena.testing.ShippedModels;
import org.gpupoor.arena.testing.TestArena;

/**
 * What a voter waits for on a GPU-poor machine, with the original's matchmaking ({@code fair})
 * and the warm one side by side: the shipped 16 models on the Ollama test server playing Ollama's
 * scheduler (memory budget, timed loads, LRU eviction, keep_alive), voters who read each answer
 * for 5 seconds, 300 battles per run. Every duration is multiplied by the time scale, so the runs
 * take minutes; the figures are given back in simulated seconds.
 *
 * <p>{@code bench/warm [--battles 300] [--scale 0.05] [--write]}: --write puts the table in BENCHMARKS.md.
 */
public final class WarmArenaBench {
    static final double LOAD_GB_PER_SECOND = 1.5;
    static final double TOKENS_PER_SECOND = 40;
    static final int ANSWER_TOKENS = 60;
    static final double FIRST_TOKEN_SECONDS = 0.2;
    static final double READING_SECONDS = 5;

    record Scenario(String name, double gigabytes) {}

    public static void main(String[] args) throws Exception {
        int battles = intArg(args, "--battles", 300);
        double scale = Double.parseDouble(arg(args, "--scale", "0.05"));
        List<String> rows = new ArrayList<>();
        String onlyScenario = arg(args, "--scenario", "");
        String onlyVoters = arg(args, "--voters", "");
        for (Scenario scenario : List.of(new Scenario("8 GB GPU", 8), new Scenario("24 GB GPU", 24))) {
            if (!onlyScenario.isEmpty() && !scenario.name().startsWith(onlyScenario + " ")) {
                continue;
            }
            for (int voters : List.of(1, 4)) {
                if (!onlyVoters.isEmpty() && voters != Integer.parseInt(onlyVoters)) {
                    continue;
                }
                for (String strategy : List.of("fair", "warm")) {
                    VoterRun.Result r = run(scenario, strategy, voters, battles, scale);
                    String row = String.format(
                            Locale.ROOT,
                            "| %s | %d | %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.0f | %.0f%% | %d | %d / %d | %d | %.0f |",
                            scenario.name(),
                            voters,
                            strategy,
                            r.firstToken().median(),
                            r.firstToken().p90(),
                            r.secondFirstToken().median(),
                            r.secondFirstToken().p90(),
                            r.bothDone().median(),
                            r.bothDone().p90(),
                            r.loadSeconds(),
                            100 * r.coldSideShare(),
                            r.preloads(),
                            r.mostBattles(),
                            r.fewestBattles(),
                            r.pairsNeverDrawn(),
                            r.meanIntervalWidth());
                    System.out.println(row);
                    rows.add(row);
                }
            }
        }
        String table = String.join("\n", header()) + "\n" + String.join("\n", rows) + "\n";
        System.out.println(table);
        if (List.of(args).contains("--write")) {
            write(table, battles, scale);
        }
    }

    static List<String> header() {
        return List.of(
                "| scenario | voters | strategy | first token, first side (s, median / p90) | first token, other side (s) | both answers done (s) | seconds loading | sides that waited for a load | preloads | battles per model (max / min) | pairs never drawn | mean BT interval width |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    static VoterRun.Result run(Scenario scenario, String strategy, int voters, int battles, double scale)
            throws Exception {
        Path dir = Files.createTempDirectory("warm-bench");
        try (FakeOllama ollama = new FakeOllama()) {
            GpuMemory gpu = ollama.gpu(new GpuMemory.Settings(
                    Math.round(scenario.gigabytes() * 1e9), LOAD_GB_PER_SECOND * 1e9, 3, 1, scale));
            Map<String, Double> footprints = ShippedModels.footprintsGb();
            List<String> tags = List.copyOf(footprints.keySet());
            for (String tag : tags) {
                // The first word tells the simulated voter which model wrote it (a stand-in for
                // judging quality); it names neither the model nor its maker.
                String[] tokens = new String[ANSWER_TOKENS];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = i == 0 ? VoterRun.code(tags.indexOf(tag)) + " " : "word" + i + " ";
                }
                ollama.model(tag, ShippedModels.parameterSize(tag))
                        .footprint(footprints.get(tag))
                        .answers(tokens)
                        .loadsFor(Math.round(FIRST_TOKEN_SECONDS * 1000 * scale))
                        .paced(Math.max(0, Math.round(1000 / TOKENS_PER_SECOND * scale)));
            }
            ArenaConfig base = TestArena.config(ollama.url(), dir)
                    .models(Map.copyOf(
                            footprints.keySet().stream().collect(java.util.stream.Collectors.toMap(t -> t, t -> t))))
                    .capacity(2, 3600)
                    .rateLimits(0, 0)
                    .deadlines(600, 1200)
                    .voters(new Voters(0, 0.0, 0.0, true, null, 0))
                    .build();
            // The operator says how much memory the GPU has, as the README advises (ollama.memory_gb).
            ArenaConfig config = base.toBuilder()
                    .ollama(new OllamaSettings(ollama.url(), null, false, List.of(), scenario.gigabytes()))
                    .generation(new GenerationSettings(0.7, ANSWER_TOKENS, null, "5m", "auto"))
                    .matchmaking(new Matchmaking(strategy, null))
                    .build();
            try (TestArena arena = TestArena.start(dir, config)) {
                VoterRun run = new VoterRun(arena.url(), tags, scale, READING_SECONDS);
                return run.play(voters, battles, gpu, () -> (int) ollama.requests("/api/generate").stream()
                        .filter(r -> r.body().path("prompt").asText("").isEmpty()
                                && !r.body().path("keep_alive").asText().equals("0"))
                        .count());
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void write(String table, int battles, double scale) throws Exception {
        Path file = Path.of("BENCHMARKS.md");
        String doc = Files.readString(file);
        String start = "<!-- warm:start -->";
        String end = "<!-- warm:end -->";
        String body = start + "\n" + "Made by `bench/warm --write` on " + java.time.LocalDate.now() + " (" + battles
                + " battles per run, time scale " + scale + "; figures in simulated seconds).\n\n" + table + end;
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        Files.writeString(
                file,
                from < 0 ? doc + "\n" + body + "\n" : doc.substring(0, from) + body + doc.substring(to + end.length()));
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(arg(args, name, Integer.toString(fallback)));
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary folder left behind is harmless
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }
}
