package org.gpupoor.arena.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.function.UnaryOperator;
import org.gpupoor.arena.App;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log on PostgreSQL (storage.url): migrated by the same Flyway set, written and read by the
 * same queries, surviving a restart. Needs a server (ARENA_TEST_POSTGRES_URL, which `.ci/run`
 * sets up); without one there is nothing to test here and the test is skipped.
 */
class PostgresStorageTest {
    @TempDir
    Path dir;

    /** Each model's rating and battles, in board order (speeds fill in later and are left out). */
    private static String ratings(JsonNode board) {
        StringBuilder out = new StringBuilder();
        board.get("rows")
                .forEach(r -> out.append(r.get("model").asText())
                        .append('=')
                        .append(r.get("rating").asDouble())
                        .append('/')
                        .append(r.get("battles").asInt())
                        .append(' '));
        return out.toString();
    }

    @Test
    void one_instance_alone_on_postgresql_closes_the_battles_its_last_run_left_generating() throws Exception {
        assumeTrue(
                System.getenv("ARENA_TEST_POSTGRES_URL") != null,
                "no PostgreSQL server given (ARENA_TEST_POSTGRES_URL)");
        try (FakeOllama ollama = new FakeOllama()) {
            ollama.model("one:1b", "1.0B");
            ollama.model("two:1b", "1.0B");
            ArenaConfig config = TestArena.config(ollama.url(), dir)
                    .model("one:1b", "One (1B)", null)
                    .model("two:1b", "Two (1B)", null)
                    .build();
            assertThat(config.storage().shared())
                    .as("not shared unless the operator says so")
                    .isFalse();
            try (TestArena first = TestArena.start(dir, config)) {
                assertThat(first.api.get("/api/health").status()).isEqualTo(200);
            }
            // What a crash leaves behind: a battle the stopped process was still generating.
            try (Connection c = DriverManager.getConnection(config.storage().url())) {
                c.createStatement()
                        .executeUpdate(
                                "INSERT INTO battles (id, created_at, prompt, model_a, model_b, status) "
                                        + "VALUES ('LeftGeneratingXXXXXXXX', '2026-01-01T00:00:00Z', 'Hi', 'one:1b', 'two:1b', 'generating')");
            }
            try (TestArena restarted = TestArena.start(dir, config)) {
                JsonNode battle =
                        restarted.api.get("/api/battles/LeftGeneratingXXXXXXXX").json();
                assertThat(battle.get("status").asText()).isEqualTo("failed");
                assertThat(battle.get("failure").asText()).contains("stopped before this battle finished");
            }
        }
    }

    @Test
    void battles_and_votes_go_to_postgresql_and_the_boards_come_back_after_a_restart() throws Exception {
        assumeTrue(
                System.getenv("ARENA_TEST_POSTGRES_URL") != null,
                "no PostgreSQL server given (ARENA_TEST_POSTGRES_URL)");
        try (FakeOllama ollama = new FakeOllama()) {
            ollama.model("one:1b", "1.0B");
            ollama.model("two:1b", "1.0B");
            ArenaConfig config = TestArena.config(ollama.url(), dir)
                    .model("one:1b", "One (1B)", null)
                    .model("two:1b", "Two (1B)", null)
                    .build();
            String url = config.storage().url();
            assertThat(url).startsWith("jdbc:postgresql:");
            String before;
            try (TestArena arena =
                    TestArena.start(dir, config, new App.Operations(null, UnaryOperator.identity(), "t"))) {
                for (String winner : new String[] {"a", "b", "a"}) {
                    String id = arena.api
                            .post("/api/battles", "{\"prompt\": \"Hello\"}")
                            .json()
                            .get("id")
                            .asText();
                    assertThat(Api.endStatus(arena.api.events(id))).isEqualTo("ready");
                    assertThat(arena.api
                                    .post("/api/battles/" + id + "/vote", "{\"winner\": \"" + winner + "\"}")
                                    .status())
                            .isEqualTo(200);
                }
                before = ratings(arena.api.get("/api/leaderboard/elo").json());
                Api.Response backup =
                        arena.api.send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/admin/backup"))
                                .header("Authorization", "Bearer t"));
                assertThat(backup.status()).isEqualTo(409);
                assertThat(backup.json().get("message").asText()).contains("pg_dump");
            }
            try (Connection c = DriverManager.getConnection(url);
                    ResultSet r = c.createStatement()
                            .executeQuery(
                                    "SELECT count(*), min(v.seq), max(v.seq), count(DISTINCT b.rowid) FROM votes v JOIN battles b ON b.id = v.battle_id")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(3);
                assertThat(r.getLong(3) - r.getLong(2))
                        .as("votes numbered in order")
                        .isEqualTo(2);
                assertThat(r.getInt(4)).as("every battle numbered").isEqualTo(3);
            }
            try (TestArena restarted = TestArena.start(dir, config)) {
                assertThat(ratings(restarted.api.get("/api/leaderboard/elo").json()))
                        .isEqualTo(before);
            }
        }
    }
}
