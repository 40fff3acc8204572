package org.gpupoor.arena.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's size that changes reaches the boards by itself; reading a board never replays the log. */
class SizeChangeTest {
    private static final String MYSTERY = "mystery:latest";

    @TempDir
    Path dir;

    FakeOllama ollama;

    @BeforeEach
    void start() throws Exception {
        ollama = new FakeOllama();
        ollama.model(MYSTERY, "3.0B");
        ollama.model("yard:1b", "1.0B");
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void a_size_ollama_reports_reaches_the_boards_without_a_vote_and_reading_them_replays_nothing() throws Exception {
        // First the operator's size_b (2) is logged with the battles; then size_b goes and Ollama's 3 is all there is.
        try (TestArena arena = TestArena.start(
                dir,
                TestArena.config(ollama.url(), dir)
                        .model(MYSTERY, "Mystery", 2.0)
                        .model("yard:1b", "Yard (1B)", null)
                        .build())) {
            for (int i = 0; i < 3; i++) {
                String id = arena.api
                        .post("/api/battles", "{\"prompt\": \"How big are you?\"}")
                        .json()
                        .get("id")
                        .asText();
                assertThat(Api.endStatus(arena.api.events(id))).isEqualTo("ready");
                assertThat(arena.api
                                .post("/api/battles/" + id + "/vote", "{\"winner\": \"tie\"}")
                                .status())
                        .isEqualTo(200);
            }
        }
        CountDownLatch ollamaAnswers = new CountDownLatch(1);
        ollama.holdModelList(ollamaAnswers);
        try (TestArena arena = TestArena.startWithoutWaiting(
                dir,
                TestArena.config(ollama.url(), dir)
                        .model(MYSTERY, "Mystery", null)
                        .model("yard:1b", "Yard (1B)", null)
                        .build())) {
            Poll.until(
                    "the Bradley-Terry board is fitted, with the logged size",
                    Duration.ofSeconds(10),
                    () -> sizeOn(arena.api.get("/api/leaderboard/bt").json()) == 2.0);
            assertThat(initialEloOf(arena))
                    .as("before Ollama answers, the logged size holds")
                    .isEqualTo(1200.0);

            ollamaAnswers.countDown();
            Poll.until(
                    "the Bradley-Terry board shows the size Ollama reports, without a vote",
                    Duration.ofSeconds(10),
                    () -> sizeOn(arena.api.get("/api/leaderboard/bt").json()) == 3.0);
            assertThat(initialEloOf(arena))
                    .as("the ELO board replayed with the catalog's size")
                    .isEqualTo(1300.0);

            String before = etag(arena.api.get("/api/leaderboard/head-to-head"));
            for (String board :
                    new String[] {"/api/leaderboard", "/api/leaderboard/elo", "/api/leaderboard/elo/history"}) {
                assertThat(arena.api.get(board).status()).isEqualTo(200);
            }
            assertThat(etag(arena.api.get("/api/leaderboard/head-to-head")))
                    .as("reading the boards changed them")
                    .isEqualTo(before);
        } finally {
            ollamaAnswers.countDown();
        }
    }

    /** NaN while the board is loading (an error body has no rows) or lacks the model. */
    private static double sizeOn(JsonNode board) {
        for (JsonNode row : board.path("rows")) {
            if (row.get("model").asText().equals(MYSTERY)) {
                return row.get("size_b").asDouble();
            }
        }
        return Double.NaN;
    }

    private static double initialEloOf(TestArena arena) {
        for (JsonNode row : arena.api.get("/api/leaderboard/elo").json().get("rows")) {
            if (row.get("model").asText().equals(MYSTERY)) {
                return row.get("initial_rating").asDouble();
            }
        }
        throw new AssertionError(MYSTERY + " is not on the ELO board");
    }

    private static String etag(Api.Response response) {
        return response.raw().headers().firstValue("ETag").orElseThrow();
    }
}
