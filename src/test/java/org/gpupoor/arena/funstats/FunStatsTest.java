package org.gpupoor.arena.funstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every fun stat through GET /api/stats, on a log planted so each has one known answer (see {@link PlantedStats}). */
class FunStatsTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @Test
    void every_stat_has_its_known_answer_with_display_names_and_no_hidden_model() throws Exception {
        arena.start(PlantedStats.plant(arena));
        Api api = arena.api();
        PlantedStats.awaitSettled(api);
        JsonNode report = api.get("/api/stats").json();

        assertThat(report.get("battles").asLong()).isEqualTo(PlantedStats.BATTLES);
        assertThat(keys(report))
                .containsExactly(
                        "fastest",
                        "longest_answers",
                        "most_lopsided",
                        "biggest_upset",
                        "closest_rivalry",
                        "busiest_hour",
                        "top_category");
        report.get("stats")
                .forEach(s ->
                        assertThat(s.get("missing").isNull()).as(s.toString()).isTrue());

        JsonNode fastest = stat(report, "fastest");
        assertThat(names(fastest)).containsExactly("Bee (3B)");
        assertThat(fastest.get("models").get(0).get("model").asText()).isEqualTo("bee:3b");
        assertThat(fastest.get("value").asDouble()).isEqualTo(45.0);
        assertThat(fastest.get("figure").asText()).isEqualTo("45.0 tokens/s");

        JsonNode longest = stat(report, "longest_answers");
        assertThat(names(longest)).containsExactly("Ace (7B)");
        assertThat(longest.get("value").asDouble()).isEqualTo(600.0);
        assertThat(longest.get("figure").asText()).isEqualTo("600 tokens");

        JsonNode lopsided = stat(report, "most_lopsided");
        assertThat(names(lopsided)).containsExactly("Ace (7B)", "Cat (1B)");
        assertThat(lopsided.get("value").asDouble()).isEqualTo(0.9);
        assertThat(lopsided.get("figure").asText()).isEqualTo("90% of 10 battles");
        assertThat(lopsided.get("detail").asText()).isEqualTo("Ace (7B): 9 won, 1 lost, 0 tied");

        JsonNode upset = stat(report, "biggest_upset");
        assertThat(names(upset)).containsExactly("Cat (1B)", "Ace (7B)");
        JsonNode board = api.get("/api/leaderboard/bt").json();
        double gap = rating(board, "ace:7b") - rating(board, "cat:1b");
        assertThat(gap).isPositive();
        assertThat(upset.get("value").asDouble()).isCloseTo(gap, org.assertj.core.data.Offset.offset(0.11));
        assertThat(upset.get("detail").asText())
                .contains("Cat (1B), rated", "beat Ace (7B), rated", "once in 10 battles");

        JsonNode rivalry = stat(report, "closest_rivalry");
        assertThat(names(rivalry)).containsExactly("Bee (3B)", "Cat (1B)");
        assertThat(rivalry.get("value").asDouble()).isEqualTo(0.5);
        assertThat(rivalry.get("figure").asText()).isEqualTo("50% – 50%");
        assertThat(rivalry.get("detail").asText()).isEqualTo("over 6 battles; Bee (3B): 3 won, 3 lost, 0 tied");

        JsonNode hour = stat(report, "busiest_hour");
        assertThat(hour.get("models")).isEmpty();
        assertThat(hour.get("value").asInt()).isEqualTo(14);
        assertThat(hour.get("figure").asText()).isEqualTo("14:00–15:00 UTC");
        assertThat(hour.get("detail").asText()).isEqualTo("12 of 39 counted votes");

        JsonNode topic = stat(report, "top_category");
        assertThat(topic.get("figure").asText()).isEqualTo("coding");
        assertThat(topic.get("value").asLong()).isEqualTo(26);

        assertThat(report.toString()).doesNotContain("Hidden (1B)", "hid:1b");
    }

    @Test
    void a_fresh_arena_says_every_stat_needs_more_battles() throws Exception {
        arena.model("one:1b", "1.0B", "One (1B)").model("two:1b", "1.0B", "Two (1B)");
        arena.start();
        Api.Response answer = arena.api().get("/api/stats");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("battles").asLong()).isZero();
        assertThat(report.get("stats")).hasSize(7);
        for (JsonNode s : report.get("stats")) {
            assertThat(s.get("missing").asText()).as(s.toString()).startsWith("Not enough battles yet");
            assertThat(s.get("value").isNull()).isTrue();
            assertThat(s.get("figure").isNull()).isTrue();
            assertThat(s.get("models")).isEmpty();
            assertThat(s.get("title").asText()).isNotBlank();
        }
    }

    static JsonNode stat(JsonNode report, String key) {
        for (JsonNode s : report.get("stats")) {
            if (s.get("key").asText().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("no stat " + key + " in " + report);
    }

    static List<String> keys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        report.get("stats").forEach(s -> keys.add(s.get("key").asText()));
        return keys;
    }

    static List<String> names(JsonNode stat) {
        List<String> names = new ArrayList<>();
        stat.get("models").forEach(m -> names.add(m.get("name").asText()));
        return names;
    }

    static double rating(JsonNode board, String model) {
        for (JsonNode row : board.get("rows")) {
            if (row.get("model").asText().equals(model)) {
                return row.get("rating").asDouble();
            }
        }
        throw new AssertionError("no row for " + model);
    }
}
