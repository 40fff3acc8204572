package org.gpupoor.arena.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.rating.BradleyTerry;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.rating.PairCounts;
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
            try (TestArena arena = TestArena.start(
                    dir,
                    TestArena.config(ollama.url(), dir)
                            .model("strong:1b", "Strong (1B)", null)
                            .model("weak:1b", "Weak (1B)", null)
                            .build())) {
                assertThat(arena.api.get("/api/leaderboard/bt").json().get("rows"))
                        .isEmpty();
                for (int i = 0; i < 12; i++) {
                    String id = DurableBoardsTest.battle(arena.api);
                    JsonNode view = arena.api.get("/api/battles/" + id).json();
                    String strongSide =
                            view.get("answers").get("a").get("text").asText().startsWith("Alpha") ? "a" : "b";
                    String winner = i < 9 ? strongSide : strongSide.equals("a") ? "b" : "a";
                    assertThat(arena.api
                                    .post("/api/battles/" + id + "/vote", "{\"winner\": \"" + winner + "\"}")
                                    .status())
                            .isEqualTo(200);
                }
                JsonNode board = awaitBoard(arena, 12);
                JsonNode top = board.get("rows").get(0);
                JsonNode bottom = board.get("rows").get(1);
                assertThat(top.get("model").asText()).isEqualTo("strong:1b");
                assertThat(top.get("name").asText()).isEqualTo("Strong (1B)");
                assertThat(top.get("rating").asDouble() + bottom.get("rating").asDouble())
                        .isCloseTo(2000, org.assertj.core.api.Assertions.within(0.2));
                assertThat(top.get("rating").asDouble())
                        .isGreaterThan(bottom.get("rating").asDouble());
                JsonNode matrix = arena.api.get("/api/leaderboard/matrix").json();
                assertThat(matrix.get("models").get(0).asText()).isEqualTo("strong:1b");
                assertThat(matrix.get("names").get(0).asText()).isEqualTo("Strong (1B)");
                assertThat(matrix.get("battles").get(0).get(1).asInt()).isEqualTo(12);
                assertThat(matrix.get("observed").get(0).get(1).asDouble()).isEqualTo(0.75);
                assertThat(matrix.get("observed").get(0).get(0).isNull()).isTrue();
                double predicted = matrix.get("predicted").get(0).get(1).asDouble();
                assertThat(predicted)
                        .isEqualTo(0.75); // no prior pulling toward even odds: the fit predicts what was seen
                assertThat(predicted + matrix.get("predicted").get(1).get(0).asDouble())
                        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.002));
                for (JsonNode row : board.get("rows")) {
                    assertThat(row.get("ci_low").asDouble())
                            .isLessThanOrEqualTo(row.get("rating").asDouble());
                    assertThat(row.get("ci_high").asDouble())
                            .isGreaterThanOrEqualTo(row.get("rating").asDouble());
                    assertThat(row.get("battles").asInt()).isEqualTo(12);
                    assertThat(row.get("provisional").asBoolean()).isFalse();
                    assertThat(row.get("regularised").isBoolean()
                                    && !row.get("regularised").asBoolean())
                            .as("regularised: false")
                            .isTrue();
                    assertThat(row.get("rank_upper_bound").asInt()).isBetween(1, 2);
                    assertThat(row.get("size_b").asDouble()).isEqualTo(1.0);
                    assertThat(row.get("strength_per_b").asDouble())
                            .isEqualTo(row.get("field_score").asDouble());
                    // The fake streams two pieces per answer and reports eval_count 2.
                    assertThat(row.get("speed").get("answers").asInt()).isEqualTo(12);
                    assertThat(row.get("speed").get("median_answer_tokens").asDouble())
                            .isEqualTo(2.0);
                    assertThat(row.get("speed").get("median_tokens_per_second").asDouble())
                            .isPositive();
                }
                assertThat(top.get("field_score").asDouble()).isEqualTo(predicted);
                for (String path : new String[] {"/api/leaderboard", "/api/leaderboard/elo"}) {
                    for (JsonNode row : arena.api.get(path).json().get("rows")) {
                        assertThat(row.get("model").asText()).as(path).isNotEmpty();
                        assertThat(row.get("speed").get("answers").asInt())
                                .as(path)
                                .isEqualTo(12);
                        assertThat(row.get("speed").get("median_ttft_ms").isNumber())
                                .as(path)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void an_anchor_model_moves_the_scale_but_never_the_gaps_the_interval_widths_or_the_confident_ranks() {
        List<CountedBattle> log = new ArrayList<>();
        String[] models = {"a:1b", "b:1b", "c:1b", "d:1b", "e:1b"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int k = 0; k < 3000; k++) {
            int i = random.nextInt(5);
            int j = (i + 1 + random.nextInt(4)) % 5;
            double p = BradleyTerry.winProbability(1000 + 40 * i, 1000 + 40 * j);
            log.add(new CountedBattle(models[i], models[j], random.nextDouble() < p ? Outcome.A : Outcome.B));
        }
        log.add(new CountedBattle("rookie:1b", "a:1b", Outcome.A)); // one battle: too few to hold the scale
        PairCounts counts = PairCounts.of(log);
        StrengthBoard.Result byMean = compute(counts, BradleyTerry.Anchor.mean(1000));
        StrengthBoard.Result byModel = compute(counts, new BradleyTerry.Anchor("c:1b", 1114));
        assertThat(byModel.anchor().model()).isEqualTo("c:1b");
        double shift = 1114 - rowOf(byMean, "c:1b").rating();
        assertThat(rowOf(byModel, "c:1b").rating()).isCloseTo(1114, within(0.06));
        for (StrengthBoard.Row mean : byMean.rows()) {
            StrengthBoard.Row moved = rowOf(byModel, mean.model());
            assertThat(moved.rating()).isCloseTo(mean.rating() + shift, within(0.11));
            assertThat(moved.ciHigh() - moved.ciLow()).isCloseTo(mean.ciHigh() - mean.ciLow(), within(0.11));
            assertThat(moved.rankUpperBound()).isEqualTo(mean.rankUpperBound());
        }
        // A model that has not played at all cannot hold the scale either.
        StrengthBoard.Result byNewcomer = compute(counts, new BradleyTerry.Anchor("newcomer:1b", 1000));
        assertThat(byNewcomer.anchor().model()).isNull();
        assertThat(byNewcomer.rows()).isEqualTo(byMean.rows());
        StrengthBoard.Result byRookie = compute(counts, new BradleyTerry.Anchor("rookie:1b", 1114));
        assertThat(byRookie.anchor().model())
                .as("a one-battle model does not hold the scale")
                .isNull();
        assertThat(byRookie.rows())
                .isEqualTo(compute(counts, BradleyTerry.Anchor.mean(1114)).rows());
    }

    private static StrengthBoard.Result compute(PairCounts counts, BradleyTerry.Anchor anchor) {
        return StrengthBoard.compute(counts, anchor, 10, 100, 0, Map.of(), Map.of(), tag -> tag);
    }

    private static StrengthBoard.Row rowOf(StrengthBoard.Result result, String model) {
        return result.rows().stream()
                .filter(r -> r.model().equals(model))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void each_models_speed_counts_every_voted_answer_as_the_votes_arrive() throws Exception {
        try (FakeOllama ollama = new FakeOllama()) {
            ollama.model("one:1b", "1.0B").answers("Rivers", " run", " downhill.");
            ollama.model("two:1b", "1.0B").answers("Stars", " shine.");
            try (TestArena arena = TestArena.start(
                    dir,
                    TestArena.config(ollama.url(), dir)
                            .model("one:1b", "One (1B)", null)
                            .model("two:1b", "Two (1B)", null)
                            .build())) {
                int voted = 0;
                for (int round : new int[] {3, 2, 4}) {
                    for (int i = 0; i < round; i++) {
                        String id = DurableBoardsTest.battle(arena.api);
                        assertThat(arena.api
                                        .post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                                        .status())
                                .isEqualTo(200);
                    }
                    voted += round;
                    JsonNode board = awaitBoard(arena, voted);
                    for (JsonNode row : board.get("rows")) {
                        JsonNode speed = row.get("speed");
                        assertThat(speed.get("answers").asInt())
                                .as(row.get("model").asText() + " after " + voted + " votes")
                                .isEqualTo(voted);
                        assertThat(speed.get("median_answer_tokens").asDouble())
                                .isEqualTo(row.get("model").asText().equals("one:1b") ? 3.0 : 2.0);
                    }
                }
            }
        }
    }

    private static JsonNode awaitBoard(TestArena arena, int battles) throws Exception {
        Poll.until(
                "the board is refitted after the votes",
                Duration.ofSeconds(20),
                () -> arena.api.get("/api/leaderboard/bt").json().get("battles").asInt() == battles);
        return arena.api.get("/api/leaderboard/bt").json();
    }
}
