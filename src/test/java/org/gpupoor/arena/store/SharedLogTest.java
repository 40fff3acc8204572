package org.gpupoor.arena.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.gpupoor.arena.App;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two arena instances on one PostgreSQL log, as behind a load balancer: votes taken by either
 * land on one board, and both show the same boards. Needs ARENA_TEST_POSTGRES_URL (`.ci/run`
 * sets it up); skipped without a server.
 */
class SharedLogTest {
    @TempDir
    Path dir;

    @Test
    void votes_taken_by_two_instances_land_on_one_board_that_both_show() throws Exception {
        assumeTrue(
                System.getenv("ARENA_TEST_POSTGRES_URL") != null,
                "no PostgreSQL server given (ARENA_TEST_POSTGRES_URL)");
        try (FakeOllama ollama = new FakeOllama()) {
            for (String tag : List.of("one:1b", "two:1b", "three:1b")) {
                ollama.model(tag, "1.0B");
            }
            ArenaConfig config = TestArena.config(ollama.url(), dir)
                    .sharedLog()
                    .model("one:1b", "One (1B)", null)
                    .model("two:1b", "Two (1B)", null)
                    .model("three:1b", "Three (1B)", null)
                    .build();
            App.Operations admin = new App.Operations(null, UnaryOperator.identity(), "t");
            try (TestArena first = TestArena.start(dir, config, admin);
                    TestArena second = TestArena.start(dir, config, admin)) {
                List<TestArena> instances = List.of(first, second);
                String[] winners = {"a", "b", "tie", "a", "both_bad", "b", "a", "a"};
                List<String> ids = new java.util.ArrayList<>();
                for (int i = 0; i < winners.length; i++) {
                    TestArena creator = instances.get(i % 2);
                    TestArena voter =
                            instances.get(i % 3 == 0 ? (i + 1) % 2 : i % 2); // some votes reach the other instance
                    String id = creator.api
                            .post("/api/battles", "{\"prompt\": \"Battle " + i + "\"}")
                            .json()
                            .get("id")
                            .asText();
                    ids.add(id);
                    assertThat(Api.endStatus(creator.api.events(id))).isEqualTo("ready");
                    assertThat(voter.api
                                    .post("/api/battles/" + id + "/vote", "{\"winner\": \"" + winners[i] + "\"}")
                                    .status())
                            .isEqualTo(200);
                }
                Poll.until(
                        "both instances count all 8 votes",
                        Duration.ofSeconds(15),
                        () -> battles(first) == 16 && battles(second) == 16);
                assertThat(board(second, "/api/leaderboard/elo")).isEqualTo(board(first, "/api/leaderboard/elo"));
                assertThat(board(second, "/api/leaderboard")).isEqualTo(board(first, "/api/leaderboard"));

                // An operator's change on one instance reaches the other's boards too.
                assertThat(admin(first, "/api/admin/battles/" + ids.get(0) + "/void")
                                .status())
                        .isEqualTo(200);
                admin(first, "/api/admin/models/three:1b/hide");
                Poll.until(
                        "the other instance leaves out the voided vote and the hidden model",
                        Duration.ofSeconds(15),
                        () -> battles(second) == battles(first)
                                && !board(second, "/api/leaderboard").contains("three:1b"));
                assertThat(battles(second)).isLessThan(16);
                assertThat(board(second, "/api/leaderboard/elo")).isEqualTo(board(first, "/api/leaderboard/elo"));
            }
        }
    }

    private static Api.Response admin(TestArena arena, String path) {
        return arena.api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(arena.url() + path))
                .header("Authorization", "Bearer t")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    private static int battles(TestArena arena) {
        int sum = 0;
        for (JsonNode row : arena.api.get("/api/leaderboard").json().get("rows")) {
            sum += row.get("battles").asInt();
        }
        return sum;
    }

    /** The board without its speed figures (each instance measures only its own answers). */
    private static String board(TestArena arena, String path) {
        StringBuilder out = new StringBuilder();
        for (JsonNode row : arena.api.get(path).json().get("rows")) {
            out.append(row.get("model").asText())
                    .append(' ')
                    .append(
                            row.has("rating")
                                    ? row.get("rating").asText()
                                    : row.get("score").asText())
                    .append(' ')
                    .append(row.get("battles").asInt())
                    .append('\n');
        }
        return out.toString();
    }
}
