package org.gpupoor.arena;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.OllamaSettings;

/**
 * {@code warm-up}: starts the arena on a throwaway database and port, with no Ollama, asks it
 * for its pages and boards, and stops. Run under {@code -XX:ArchiveClassesAtExit=arena.jsa}, it
 * leaves a class archive from which later starts load the classes the arena needs in a fraction
 * of the time (the build makes {@code target/arena.jsa} this way; see BENCHMARKS.md).
 */
final class WarmUp {
    private static final List<String> PAGES = List.of(
            "/",
            "/js/main.js",
            "/app.css",
            "/api/health",
            "/api/arena",
            "/api/models",
            "/api/prompts/random",
            "/api/leaderboard",
            "/api/leaderboard/elo",
            "/api/leaderboard/bt",
            "/api/leaderboard/matrix",
            "/api/leaderboard/elo/history",
            "/api/battles/export?format=csv",
            "/api/battles/export?format=jsonl",
            "/api/battles/nosuchbattle0000000000");

    private WarmUp() {}

    static int run(ArenaConfig config, java.io.PrintStream out) throws IOException, InterruptedException {
        // Its refused Ollama and empty exports are expected: only errors are worth printing.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Path dir = Files.createTempDirectory("arena-warm-up");
        // Port 9 (discard) refuses connections: the warm-up never talks to a real Ollama.
        ArenaConfig throwaway = config.toBuilder()
                .ollama(new OllamaSettings("http://127.0.0.1:9", null))
                .leaderboardFile(dir.resolve("leaderboard.json").toString())
                .build();
        int answered = 0;
        try (App app = App.create(throwaway, dir.resolve("arena.db"), Clock.systemUTC())
                .start(0)) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + app.port();
            // Board requests before the replay ends answer "loading": the archive would miss the boards' classes.
            app.awaitBoards();
            for (String page : PAGES) {
                http.send(
                        HttpRequest.newBuilder(URI.create(base + page)).build(),
                        HttpResponse.BodyHandlers.discarding());
                answered++;
            }
            HttpRequest battle = HttpRequest.newBuilder(URI.create(base + "/api/battles"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Warm up.\"}"))
                    .build();
            http.send(battle, HttpResponse.BodyHandlers.discarding());
            answered++;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        out.println("Warm-up done: " + answered + " requests answered.");
        return 0;
    }
}
