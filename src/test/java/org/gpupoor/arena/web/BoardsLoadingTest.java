package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.store.Database;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a big log the port opens before the boards have replayed it: health answers and says they
 * load, every board says so too (never an empty board), battles run, and a vote sent meanwhile is
 * on disk at once and on the boards exactly once when they are ready.
 */
class BoardsLoadingTest {
    /** Enough votes that their replay outlasts the requests below by a wide margin. */
    private static final int LOGGED = 1_000_000;

    private static final String WAITING = "waiting000000000000001";
    private static final List<String> BOARDS = List.of(
            "/api/leaderboard",
            "/api/leaderboard/elo",
            "/api/leaderboard/bt",
            "/api/leaderboard/matrix",
            "/api/leaderboard/elo/history",
            "/api/leaderboard/head-to-head",
            "/api/stats");

    @TempDir
    Path dir;

    @Test
    void a_big_log_loads_behind_an_open_port_and_a_vote_sent_meanwhile_counts_once() throws Exception {
        try (FakeOllama ollama = new FakeOllama()) {
            ollama.model("ace:1b", "1.0B").answers("An", " answer.");
            ollama.model("bee:1b", "1.0B").answers("Another", " answer.");
            ArenaConfig config = TestArena.config(ollama.url(), dir)
                    .model("ace:1b", "Ace (1B)", null)
                    .model("bee:1b", "Bee (1B)", null)
                    .build();
            assumeTrue(config.storage().url() == null, "the log is planted in a SQLite file");
            Path log = dir.resolve("arena.db");
            plant(log);
            ApiContract contract = ApiContract.load();

            try (TestArena arena = TestArena.startWithoutWaiting(dir, config)) {
                Api.Response health = arena.api.get("/api/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json().get("boards").asText()).isEqualTo("loading");
                assertThat(contract.problems("GET /api/health", answer(health))).isEmpty();

                CompletableFuture<Api.Response> vote = CompletableFuture.supplyAsync(
                        () -> arena.api.post("/api/battles/" + WAITING + "/vote", "{\"winner\": \"b\"}"));
                Poll.until("the vote is on disk", Duration.ofSeconds(10), () -> votesOn(log, WAITING) == 1);
                assertThat(boards(arena))
                        .as("the vote was stored while the boards loaded")
                        .isEqualTo("loading");

                for (String board : BOARDS) {
                    Api.Response answer = arena.api.get(board);
                    assertThat(answer.status()).as(board).isEqualTo(503);
                    assertThat(answer.json().get("error").asText()).isEqualTo("boards_loading");
                    assertThat(answer.raw().headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(contract.problems("GET " + board, answer(answer)))
                            .as(board)
                            .isEmpty();
                }

                String id = arena.api
                        .post("/api/battles", "{\"prompt\": \"Say hi.\"}")
                        .json()
                        .get("id")
                        .asText();
                assertThat(Api.endStatus(arena.api.events(id))).isEqualTo("ready");
                assertThat(boards(arena))
                        .as("the battle ran while the boards loaded")
                        .isEqualTo("loading");

                Poll.until(
                        "the boards are ready",
                        Duration.ofSeconds(60),
                        () -> boards(arena).equals("ready"));
                Api.Response voted = vote.get(30, TimeUnit.SECONDS);
                assertThat(voted.status()).isEqualTo(200);
                assertThat(voted.json().get("counted").asBoolean()).isTrue();
                assertThat(voted.json()
                                .get("standings")
                                .get("b")
                                .get("main")
                                .get("wins")
                                .asInt())
                        .isEqualTo(1);

                JsonNode rows = arena.api.get("/api/leaderboard").json().get("rows");
                assertThat(row(rows, "ace:1b").get("wins").asInt()).isEqualTo(LOGGED);
                assertThat(row(rows, "ace:1b").get("battles").asInt()).isEqualTo(LOGGED + 1);
                assertThat(row(rows, "bee:1b").get("wins").asInt())
                        .as("the vote sent while loading")
                        .isEqualTo(1);
                Poll.until(
                        "the Bradley-Terry board is fitted",
                        Duration.ofSeconds(30),
                        () -> arena.api.get("/api/leaderboard/bt").status() == 200);
                assertThat(arena.api
                                .get("/api/leaderboard/bt")
                                .json()
                                .get("battles")
                                .asInt())
                        .isEqualTo(LOGGED + 1);
            }
        }
    }

    /**
     * LOGGED battles Ace won, voted and classified, and one battle with both answers waiting for
     * its vote: in one transaction without a journal, as nothing else has the file open yet.
     */
    private static void plant(Path file) throws Exception {
        String at = Instant.now().toString();
        Database.open(file).close(); // the arena's schema
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (var pragmas = c.createStatement()) {
                pragmas.execute("PRAGMA journal_mode = OFF");
                pragmas.execute("PRAGMA synchronous = OFF");
            }
            c.setAutoCommit(false);
            try (PreparedStatement battles = c.prepareStatement("""
                            WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)
                            INSERT INTO battles (id, created_at, prompt, model_a, model_b, size_a, size_b, status,
                                                 finished_at, categories)
                            SELECT printf('planted%015d', k), ?, 'Tell me something.', 'ace:1b', 'bee:1b', 1.0, 1.0,
                                   'ready', ?, ',english,' FROM n""");
                    PreparedStatement votes = c.prepareStatement("""
                            INSERT INTO votes (battle_id, outcome, voted_at, model_a, model_b)
                            SELECT id, 'a', ?, model_a, model_b FROM battles ORDER BY id""");
                    PreparedStatement waiting = c.prepareStatement("""
                            INSERT INTO battles (id, created_at, prompt, model_a, model_b, size_a, size_b, status,
                                                 finished_at, categories)
                            VALUES (?, ?, 'Tell me something.', 'ace:1b', 'bee:1b', 1.0, 1.0, 'ready', ?, ',english,')""");
                    PreparedStatement answers = c.prepareStatement("""
                            INSERT INTO answers (battle_id, side, text, eval_count, tokens_per_second, ttft_ms,
                                                 total_ms, done_reason)
                            VALUES (?, ?, 'An answer.', 3, 40.0, 120, 200, 'stop')""")) {
                battles.setInt(1, LOGGED);
                battles.setString(2, at);
                battles.setString(3, at);
                battles.executeUpdate();
                votes.setString(1, at);
                votes.executeUpdate();
                waiting.setString(1, WAITING);
                waiting.setString(2, at);
                waiting.setString(3, at);
                waiting.executeUpdate();
                for (String side : List.of("a", "b")) {
                    answers.setString(1, WAITING);
                    answers.setString(2, side);
                    answers.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (var pragmas = c.createStatement()) {
                pragmas.execute("PRAGMA journal_mode = WAL");
            }
        }
    }

    private static String boards(TestArena arena) {
        return arena.api.get("/api/health").json().get("boards").asText();
    }

    private static int votesOn(Path file, String battle) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM votes WHERE battle_id = ?")) {
            s.setString(1, battle);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    private static ApiContract.Answer answer(Api.Response response) {
        return new ApiContract.Answer(
                response.status(), response.raw().headers(), response.text().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode row(JsonNode rows, String model) {
        for (JsonNode r : rows) {
            if (r.get("model").asText().equals(model)) {
                return r;
            }
        }
        throw new AssertionError("no row for " + model + " in " + rows);
    }
}
