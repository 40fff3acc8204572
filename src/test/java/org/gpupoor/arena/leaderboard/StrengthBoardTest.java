package org.gpupoor.arena.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrengthBoardTest {
    @TempDir
    Path dir;

    @Test
    void the_bradley_terry_board_follows_the_votes_with_intervals_and_provisional_flags() throws Exception {
        try (FakeOllama ollama = new FakeOllama()) {
            ollama.model("strong:1b", "1.0B").answers("Alpha", " answer.");
            ollama.model("weak:1b", "1.0B").answers("Beta", " answer.");
            try (TestArena arena = TestArena.start(dir, TestArena.config(ollama.url(), dir)
                    .model("strong:1b", "Strong (1B)", null).model("weak:1b", "Weak (1B)", null).build())) {
                assertThat(arena.api.get("/api/leaderboard/bt").json().get("rows")).isEmpty();
                for (int i = 0; i < 12; i++) {
                    String id = DurableBoardsTest.battle(arena.api);
                    JsonNode view = arena.api.get("/api/battles/" + id).json();
                    String strongSide = view.get("answers").get("a").get("text").asText().startsWith("Alpha") ? "a" : "b";
                    String winner = i < 9 ? strongSide : strongSide.equals("a") ? "b" : "a";
                    assertThat(arena.api.post("/api/battles/" + id + "/vote", "{\"winner\": \"" + winner + "\"}").status())
                            .isEqualTo(200);
                }
                JsonNode board = awaitBoard(arena, 12);
                JsonNode top = board.get("rows").get(0);
                JsonNode bottom = board.get("rows").get(1);
                assertThat(top.get("model").asText()).isEqualTo("strong:1b");
                assertThat(top.get("name").asText()).isEqualTo("Strong (1B)");
                assertThat(top.get("rating").asDouble() + bottom.get("rating").asDouble()).isCloseTo(2000, org.assertj.core.api.Assertions.within(0.2));
                assertThat(top.get("rating").asDouble()).isGreaterThan(bottom.get("rating").asDouble());
                JsonNode matrix = arena.api.get("/api/leaderboard/matrix").json();
                assertThat(matrix.get("models").get(0).asText()).isEqualTo("strong:1b");
                assertThat(matrix.get("names").get(0).asText()).isEqualTo("Strong (1B)");
                assertThat(matrix.get("battles").get(0).get(1).asInt()).isEqualTo(12);
                assertThat(matrix.get("observed").get(0).get(1).asDouble()).isEqualTo(0.75);
                assertThat(matrix.get("observed").get(0).get(0).isNull()).isTrue();
                double predicted = matrix.get("predicted").get(0).get(1).asDouble();
                assertThat(predicted).isBetween(0.5, 0.75); // the prior pulls toward even odds
                assertThat(predicted + matrix.get("predicted").get(1).get(0).asDouble()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.002));
                for (JsonNode row : board.get("rows")) {
                    assertThat(row.get("ci_low").asDouble()).isLessThanOrEqualTo(row.get("rating").asDouble());
                    assertThat(row.get("ci_high").asDouble()).isGreaterThanOrEqualTo(row.get("rating").asDouble());
                    assertThat(row.get("battles").asInt()).isEqualTo(12);
                    assertThat(row.get("provisional").asBoolean()).isFalse();
                    assertThat(row.get("rank_upper_bound").asInt()).isBetween(1, 2);
                    assertThat(row.get("size_b").asDouble()).isEqualTo(1.0);
                    assertThat(row.get("strength_per_b").asDouble()).isEqualTo(row.get("field_score").asDouble());
                    // The fake streams two pieces per answer and reports eval_count 2.
                    assertThat(row.get("speed").get("answers").asInt()).isEqualTo(12);
                    assertThat(row.get("speed").get("median_answer_tokens").asDouble()).isEqualTo(2.0);
                    assertThat(row.get("speed").get("median_tokens_per_second").asDouble()).isPositive();
                }
                assertThat(top.get("field_score").asDouble()).isEqualTo(predicted);
                for (String path : new String[] {"/api/leaderboard", "/api/leaderboard/elo"}) {
                    for (JsonNode row : arena.api.get(path).json().get("rows")) {
                        assertThat(row.get("model").asText()).as(path).isNotEmpty();
                        assertThat(row.get("speed").get("answers").asInt()).as(path).isEqualTo(12);
                        assertThat(row.get("speed").get("median_ttft_ms").isNumber()).as(path).isTrue();
                    }
                }
            }
        }
    }

    private static JsonNode awaitBoard(TestArena arena, int battles) throws Exception {
        Poll.until("the board is refitted after the votes", Duration.ofSeconds(20),
                () -> arena.api.get("/api/leaderboard/bt").json().get("battles").asInt() == battles);
        return arena.api.get("/api/leaderboard/bt").json();
    }
}
