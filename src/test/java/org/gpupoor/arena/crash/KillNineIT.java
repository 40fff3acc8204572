package org.gpupoor.arena.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar as its own process, votes from many threads, kills it with SIGKILL in the
 * middle, restarts it, and checks that every acknowledged vote survived and the boards match the log.
 */
class KillNineIT {
    static final int ROUNDS = 3;
    static final int VOTERS = 16;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    FakeOllama ollama;
    Process arena;

    @AfterEach
    void stop() {
        if (arena != null) {
            arena.destroyForcibly();
        }
        if (ollama != null) {
            ollama.close();
        }
    }

    @Test
    void acknowledged_votes_survive_sigkill_and_the_boards_match_the_log_after_restart() throws Exception {
        ollama = new FakeOllama();
        StringBuilder models = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            ollama.model("m" + i + ":1b", i + ".0B").answers("Answer", " ", String.valueOf(i));
            models.append("  - tag: m")
                    .append(i)
                    .append(":1b\n    name: M")
                    .append(i)
                    .append(" (")
                    .append(i)
                    .append("B)\n");
        }
        Path config = dir.resolve("arena_config.yaml");
        Files.writeString(
                config,
                "name: Crash Arena\nollama:\n  url: " + ollama.url() + "\n"
                        + "generation:\n  parallel: true\nrate_limits:\n  battles_per_minute: 0\n  votes_per_minute: 0\n"
                        // Sixteen threads of one address vote the moment battles are ready: no voter rules here.
                        + "voters:\n  daily_vote_cap: 0\n  daily_votes_per_address: 0\n  min_read_seconds: 0\n"
                        + "leaderboard_file: " + dir.resolve("leaderboard.json") + "\nmodels:\n" + models);

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        int total = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Api api = start(config);
            checkBoardsMatchLog(api, acknowledged);
            List<String> ready = readyBattles(api, 150);
            int before = acknowledged.size();
            voteAndKill(api, ready, acknowledged);
            System.out.printf(
                    "kill -9 round %d: %d votes acknowledged before the kill%n", round, acknowledged.size() - before);
            total += acknowledged.size() - before;
            assertThat(acknowledged.size()).isGreaterThan(before);
            assertLeaderboardJsonIsWhole();
        }
        Api api = start(config);
        checkBoardsMatchLog(api, acknowledged);
        System.out.printf("kill -9: %d rounds survived, %d acknowledged votes all present%n", ROUNDS, total);
    }

    private Api start(Path config) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path jar = Path.of("target", "gpu-poor-arena.jar").toAbsolutePath();
        assertThat(jar).exists();
        arena = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--config",
                        config.toString(),
                        "--port",
                        String.valueOf(port),
                        "--db",
                        dir.resolve("arena.db").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("arena-" + port + ".log").toFile())
                .directory(dir.toFile())
                .start();
        Api api = new Api("http://127.0.0.1:" + port);
        Path log = dir.resolve("arena-" + port + ".log");
        Poll.until("the arena answers /api/health with its boards loaded", Duration.ofSeconds(60), () -> {
            if (!arena.isAlive()) {
                throw new AssertionError("the arena exited: " + Files.readString(log));
            }
            try {
                Api.Response health = api.get("/api/health");
                return health.status() == 200
                        && health.json().get("boards").asText().equals("ready");
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return api;
    }

    private List<String> readyBattles(Api api, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                String id = api.post("/api/battles", "{\"prompt\": \"Hi\"}")
                        .json()
                        .get("id")
                        .asText();
                api.events(id);
                return id;
            }));
        }
        List<String> ids = new ArrayList<>();
        for (var f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();
        return ids;
    }

    private void voteAndKill(Api api, List<String> battles, Map<String, String> acknowledged) throws Exception {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(battles);
        String[] outcomes = {"a", "b", "tie", "both_bad"};
        ExecutorService pool = Executors.newFixedThreadPool(VOTERS);
        for (int v = 0; v < VOTERS; v++) {
            pool.submit(() -> {
                String id;
                while ((id = queue.poll()) != null) {
                    String outcome = outcomes[Math.floorMod(id.hashCode(), 4)];
                    try {
                        if (api.post("/api/battles/" + id + "/vote", "{\"winner\": \"" + outcome + "\"}")
                                        .status()
                                == 200) {
                            acknowledged.put(id, outcome);
                        }
                    } catch (RuntimeException killed) {
                        return;
                    }
                }
            });
        }
        while (queue.size() > battles.size() / 2) {
            Thread.onSpinWait();
        }
        arena.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    private void checkBoardsMatchLog(Api api, Map<String, String> acknowledged) throws Exception {
        Map<String, String> logged = new HashMap<>();
        Map<String, int[]> expected = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arena.db"));
                ResultSet r = c.createStatement()
                        .executeQuery(
                                "SELECT v.battle_id, v.outcome, b.model_a, b.model_b FROM votes v JOIN battles b ON b.id = v.battle_id")) {
            while (r.next()) {
                logged.put(r.getString(1), r.getString(2));
                String outcome = r.getString(2);
                int[] a = expected.computeIfAbsent(r.getString(3), k -> new int[3]);
                int[] b = expected.computeIfAbsent(r.getString(4), k -> new int[3]);
                switch (outcome) {
                    case "a" -> {
                        a[0]++;
                        b[1]++;
                    }
                    case "b" -> {
                        b[0]++;
                        a[1]++;
                    }
                    default -> {
                        a[2]++;
                        b[2]++;
                    }
                }
            }
        } catch (java.sql.SQLException noDatabaseYet) {
            assertThat(acknowledged).isEmpty();
            return;
        }
        assertThat(logged).containsAllEntriesOf(acknowledged);
        for (JsonNode row : api.get("/api/leaderboard").json().get("rows")) {
            int[] counts = expected.getOrDefault(row.get("model").asText(), new int[3]);
            assertThat(new int[] {
                        row.get("wins").asInt(),
                        row.get("losses").asInt(),
                        row.get("ties").asInt()
                    })
                    .as(row.get("model").asText())
                    .containsExactly(counts);
        }
        for (String id : acknowledged.keySet().stream().limit(20).toList()) {
            assertThat(api.get("/api/battles/" + id).json().get("winner").asText())
                    .isEqualTo(acknowledged.get(id));
        }
    }

    private void assertLeaderboardJsonIsWhole() throws IOException {
        Path file = dir.resolve("leaderboard.json");
        if (Files.exists(file)) {
            JsonNode parsed = JSON.readTree(file.toFile());
            assertThat(parsed.isObject()).isTrue();
        }
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers
                            .filter(p -> p.getFileName().toString().startsWith(".leaderboard-"))
                            .count())
                    .as("temporary files are renamed or removed; a kill may leave at most one")
                    .isLessThanOrEqualTo(1);
        }
    }
}
