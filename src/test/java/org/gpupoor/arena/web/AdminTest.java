package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin API: locked without the token, and what it does with it. */
class AdminTest {
    private static final String TOKEN = "s3cret-admin-token";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .startedByTest()
            .config(c -> c.apiKey("ollama-key"))
            .model("one:1b", "1.0B", "One (1B)")
            .model("two:1b", "1.0B", "Two (1B)");

    private void start(String token) {
        arena.adminToken(token).start();
    }

    private Api.Response admin(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(arena.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return arena.api().send(request);
    }

    @Test
    void without_a_configured_token_every_admin_route_is_refused() {
        start(null);
        for (String[] route : new String[][] {
            {"GET", "/api/admin/config"},
            {"GET", "/api/admin/backup"},
            {"POST", "/api/admin/config/reload"},
            {"POST", "/api/admin/battles/AAAAAAAAAAAAAAAAAAAAAA/void"}
        }) {
            Api.Response refused = admin(route[0], route[1], TOKEN);
            assertThat(refused.status()).as(route[1]).isEqualTo(403);
            assertThat(refused.json().get("error").asText()).isEqualTo("admin_disabled");
        }
    }

    @Test
    void a_missing_or_wrong_token_is_refused_and_the_right_one_shows_the_config_without_secrets() {
        start(TOKEN);
        assertThat(admin("GET", "/api/admin/config", null).status()).isEqualTo(403);
        assertThat(admin("GET", "/api/admin/config", TOKEN + "x")
                        .json()
                        .get("error")
                        .asText())
                .isEqualTo("forbidden");
        assertThat(admin("GET", "/api/admin/config", "s3cret").status()).isEqualTo(403);

        Api.Response config = admin("GET", "/api/admin/config", TOKEN);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("models"))
                .extracting(m -> m.get("tag").asText())
                .containsExactly("one:1b", "two:1b");
        assertThat(config.json().get("ollama").get("api_key").asText()).isEqualTo("(set)");
        assertThat(config.text()).doesNotContain("ollama-key");
    }

    @Test
    void a_backup_taken_while_serving_is_a_complete_sqlite_file() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("ARENA_TEST_POSTGRES_URL") == null,
                "the arena backs up an SQLite log only (PostgresStorageTest checks what PostgreSQL answers)");
        start(TOKEN);
        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Back me up\"}")
                .json()
                .get("id")
                .asText();
        arena.api().events(id);
        arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}");

        HttpResponse<byte[]> backup = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(arena.url() + "/api/admin/backup"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(backup.statusCode()).isEqualTo(200);
        assertThat(backup.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("arena-backup-"));
        assertThat(Arrays.copyOf(backup.body(), 15)).isEqualTo("SQLite format 3".getBytes(StandardCharsets.US_ASCII));
        Path copy = arena.dir().resolve("copy.db");
        Files.write(copy, backup.body());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                ResultSet r = c.createStatement()
                        .executeQuery("SELECT b.prompt, v.outcome FROM battles b JOIN votes v ON v.battle_id = b.id")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("Back me up");
            assertThat(r.getString(2)).isEqualTo("a");
        }
    }

    @Test
    void a_voided_vote_leaves_every_board_and_the_export_but_stays_in_the_log() {
        start(TOKEN);
        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Count me\"}")
                .json()
                .get("id")
                .asText();
        arena.api().events(id);
        assertThat(arena.api()
                        .post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                        .status())
                .isEqualTo(200);
        assertThat(battles(arena.api().get("/api/leaderboard").json())).isEqualTo(2);

        Api.Response voided = admin("POST", "/api/admin/battles/" + id + "/void", TOKEN);
        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.json().get("boards_rebuilt").asBoolean()).isTrue();
        assertThat(battles(arena.api().get("/api/leaderboard").json())).isZero();
        assertThat(arena.api().get("/api/leaderboard/elo").json().get("rows"))
                .allSatisfy(r -> assertThat(r.get("battles").asInt()).isZero());
        assertThat(arena.api().get("/api/battles/export").text())
                .doesNotContain(id.substring(0, 6))
                .isBlank();
        assertThat(arena.api().get("/api/battles/" + id).json().get("status").asText())
                .isEqualTo("voted");

        assertThat(admin("POST", "/api/admin/battles/" + id + "/void", TOKEN)
                        .json()
                        .get("boards_rebuilt")
                        .asBoolean())
                .isFalse();
        String unvoted = arena.api()
                .post("/api/battles", "{\"prompt\": \"Not voted\"}")
                .json()
                .get("id")
                .asText();
        assertThat(admin("POST", "/api/admin/battles/" + unvoted + "/void", TOKEN)
                        .json()
                        .get("error")
                        .asText())
                .isEqualTo("not_voted");
        assertThat(admin("POST", "/api/admin/battles/nonsense/void", TOKEN).status())
                .isEqualTo(404);
    }

    @Test
    void a_hidden_model_leaves_the_boards_until_shown_again_and_its_opponent_keeps_its_results() {
        start(TOKEN);
        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Hide and seek\"}")
                .json()
                .get("id")
                .asText();
        arena.api().events(id);
        JsonNode pair = arena.api()
                .post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                .json()
                .get("models");
        String winner = pair.get("a").get("tag").asText();
        String loser = pair.get("b").get("tag").asText();
        String etag = arena.api()
                .get("/api/leaderboard")
                .raw()
                .headers()
                .firstValue("ETag")
                .orElseThrow();

        Api.Response hidden = admin("POST", "/api/admin/models/" + loser + "/hide", TOKEN);
        assertThat(hidden.status()).isEqualTo(200);
        assertThat(hidden.json().get("changed").asBoolean()).isTrue();
        JsonNode board = arena.api().get("/api/leaderboard").json();
        assertThat(board.get("rows")).hasSize(1);
        assertThat(board.get("rows").get(0).get("model").asText()).isEqualTo(winner);
        assertThat(board.get("rows").get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(board.get("rows").get(0).get("wins").asInt())
                .as("the win over the hidden model stands")
                .isEqualTo(1);
        assertThat(arena.api().get("/api/leaderboard").raw().headers().firstValue("ETag"))
                .isNotEqualTo(java.util.Optional.of(etag));
        assertThat(arena.api().get("/api/leaderboard/elo").json().get("rows")).hasSize(1);
        assertThat(arena.api().get("/api/leaderboard/bt").json().get("rows")).allSatisfy(r -> {
            assertThat(r.get("model").asText()).isNotEqualTo(loser);
            assertThat(r.get("rank_upper_bound").asInt())
                    .as("ranked among the models shown")
                    .isEqualTo(1);
        });
        assertThat(arena.api().get("/api/leaderboard/head-to-head").json().get("models"))
                .hasSize(1);
        assertThat(arena.api()
                        .get("/api/leaderboard/elo/history")
                        .json()
                        .get("series")
                        .has(loser))
                .isFalse();
        assertThat(arena.api().get("/api/models").json().get("models")).anySatisfy(m -> {
            assertThat(m.get("tag").asText()).isEqualTo(loser);
            assertThat(m.get("hidden").asBoolean()).isTrue();
        });

        assertThat(admin("POST", "/api/admin/models/" + loser + "/show", TOKEN)
                        .json()
                        .get("changed")
                        .asBoolean())
                .isTrue();
        assertThat(arena.api().get("/api/leaderboard").json().get("rows")).hasSize(2);
        assertThat(admin("POST", "/api/admin/models/nobody:7b/hide", TOKEN).status())
                .isEqualTo(404);
    }

    private static int battles(JsonNode board) {
        int sum = 0;
        for (JsonNode row : board.get("rows")) {
            sum += row.get("battles").asInt();
        }
        return sum;
    }
}
