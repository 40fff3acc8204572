package org.gpupoor.arena.category;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.OfflineBoards;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Which small model is best at code?": a log where one model is strong at code and weak at
 * poems and another the reverse, classified after the arena starts (as an upgraded log is), gives
 * boards per category that each put the right model first, while the overall board cannot.
 */
class CategoryBoardsTest {
    static final String CODE = "Write a Python function that returns the n-th Fibonacci number.";
    static final String POEM = "Write a short poem about the autumn rain on a quiet street.";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @Test
    void each_category_board_ranks_by_that_categorys_battles_only() throws Exception {
        ArenaConfig config = plantedLog();
        arena.start(config);
        Api api = arena.api();
        Poll.until("the log classified", Duration.ofSeconds(30), () -> {
            JsonNode listing = api.get("/api/categories").json();
            return listing.get("unclassified").asLong() == 0
                    && listing.get("battles").asLong() == 240;
        });
        JsonNode listing = api.get("/api/categories").json();
        assertThat(count(listing, "coding")).isEqualTo(120);
        assertThat(count(listing, "creative_writing")).isEqualTo(120);
        assertThat(count(listing, "english")).isEqualTo(240);
        assertThat(count(listing, "math")).isZero();
        assertThat(kind(listing, "english")).isEqualTo("language");
        assertThat(kind(listing, "coding")).isEqualTo("topic");

        for (String board : List.of("/api/leaderboard/bt", "/api/leaderboard", "/api/leaderboard/elo")) {
            assertThat(first(api.get(board + "?category=coding").json()))
                    .as(board)
                    .isEqualTo("coder:7b");
            assertThat(last(api.get(board + "?category=coding").json()))
                    .as(board)
                    .isEqualTo("poet:7b");
            assertThat(first(api.get(board + "?category=creative_writing").json()))
                    .as(board)
                    .isEqualTo("poet:7b");
            assertThat(last(api.get(board + "?category=creative_writing").json()))
                    .as(board)
                    .isEqualTo("coder:7b");
            assertThat(api.get(board + "?category=coding")
                            .json()
                            .get("category")
                            .asText())
                    .isEqualTo("coding");
        }
        JsonNode coding = api.get("/api/leaderboard/bt?category=coding").json();
        assertThat(coding.get("battles").asLong()).isEqualTo(120);
        assertThat(api.get("/api/leaderboard/bt?category=all")
                        .json()
                        .get("battles")
                        .asLong())
                .isEqualTo(240);
    }

    @Test
    void an_unknown_category_is_refused_with_the_known_ones_and_an_empty_one_is_an_empty_board() throws Exception {
        arena.start(plantedLog());
        Api.Response refused = arena.api().get("/api/leaderboard/bt?category=cooking");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("cooking", "coding", "GET /api/categories");
        Api.Response math = arena.api().get("/api/leaderboard?category=math");
        assertThat(math.status()).isEqualTo(200);
        assertThat(math.json().get("rows").findValues("wins").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .isZero();
    }

    @Test
    void a_battle_voted_through_the_api_is_counted_in_its_categories() throws Exception {
        arena.model("one:1b", "1.0B", "One (1B)", s -> s.answers("An", " answer."));
        arena.model("two:1b", "1.0B", "Two (1B)", s -> s.answers("Another", " answer."));
        arena.start();
        Api api = arena.api();
        String id = api.post("/api/battles", "{\"prompt\": \"" + CODE + "\"}")
                .json()
                .get("id")
                .asText();
        assertThat(Api.endStatus(api.events(id))).isEqualTo("ready");
        assertThat(api.post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                        .status())
                .isEqualTo(200);
        Poll.until(
                "the vote counted under coding",
                Duration.ofSeconds(20),
                () -> count(api.get("/api/categories").json(), "coding") == 1);
        JsonNode board = api.get("/api/leaderboard?category=coding").json();
        assertThat(board.get("rows").findValues("battles").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .isEqualTo(2);
        assertThat(count(api.get("/api/categories").json(), "creative_writing")).isZero();
    }

    /** 240 voted battles logged before the arena starts: the coder wins at code, the poet at poems. */
    private ArenaConfig plantedLog() {
        for (String tag : List.of("coder:7b", "poet:7b", "plain:7b")) {
            arena.ollama().model(tag, "7.0B").answers("An", " answer.");
        }
        ArenaConfig config = org.gpupoor.arena.testing.TestArena.config(
                        arena.ollama().url(), arena.dir())
                .model("coder:7b", "Coder (7B)", null)
                .model("poet:7b", "Poet (7B)", null)
                .model("plain:7b", "Plain (7B)", null)
                .build();
        List<String> models = List.of("coder:7b", "poet:7b", "plain:7b");
        Random random = new Random(3);
        try (OfflineBoards offline = new OfflineBoards(arena.dir(), config)) {
            for (int i = 0; i < 240; i++) {
                boolean code = i % 2 == 0;
                String favourite = code ? "coder:7b" : "poet:7b";
                String underdog = code ? "poet:7b" : "coder:7b";
                List<String> pair = new ArrayList<>(models);
                pair.remove(random.nextInt(3));
                String a = pair.get(random.nextInt(2));
                String b = pair.get(0).equals(a) ? pair.get(1) : pair.get(0);
                double aWins = a.equals(favourite) || b.equals(underdog) ? 0.85 : 0.15;
                Outcome outcome = random.nextDouble() < aWins ? Outcome.A : Outcome.B;
                offline.vote(a, b, outcome, code ? CODE : POEM);
            }
        }
        return config;
    }

    private static long count(JsonNode listing, String name) {
        return entry(listing, name).get("battles").asLong();
    }

    private static String kind(JsonNode listing, String name) {
        return entry(listing, name).get("kind").asText();
    }

    private static JsonNode entry(JsonNode listing, String name) {
        for (JsonNode c : listing.get("categories")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no category " + name + " in " + listing);
    }

    private static String first(JsonNode board) {
        return board.get("rows").get(0).get("model").asText();
    }

    private static String last(JsonNode board) {
        JsonNode rows = board.get("rows");
        return rows.get(rows.size() - 1).get("model").asText();
    }
}
