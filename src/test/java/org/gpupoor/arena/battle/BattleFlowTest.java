package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BattleFlowTest {
    static final String LLAMA_ANSWER = "Rayleigh scattering makes short blue wavelengths spread across the sky.";
    static final String QWEN_ANSWER = "Sunlight scatters off air molecules; blue scatters most.";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .model(
                    "llama3.2:1b",
                    "1.2B",
                    "Llama 3.2 (1B)",
                    m -> m.answers(words(LLAMA_ANSWER)).paced(5))
            .model(
                    "qwen2.5:0.5b",
                    "494.03M",
                    "Qwen 2.5 (0.5B)",
                    m -> m.answers(words(QWEN_ANSWER)).paced(5));

    static String[] words(String text) {
        return text.split("(?<= )");
    }

    @Test
    void a_full_battle_streams_both_answers_reveals_names_after_the_vote_and_moves_the_boards() {
        Api.Response created = arena.api().post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(id).hasSize(22);

        List<Api.Event> events = arena.api().events(id);
        assertThat(events.get(events.size() - 1).name()).isEqualTo("end");
        assertThat(Api.endStatus(events)).isEqualTo("ready");
        String sideA = streamed(events, "a");
        String sideB = streamed(events, "b");
        assertThat(List.of(sideA, sideB)).containsExactlyInAnyOrder(LLAMA_ANSWER, QWEN_ANSWER);
        assertThat(events).filteredOn(e -> e.name().equals("done")).hasSize(2).allSatisfy(e -> {
            assertThat(e.data().get("eval_count").asInt()).isGreaterThan(5);
            assertThat(e.data().get("tokens_per_second").asDouble()).isPositive();
            assertThat(e.data().get("done_reason").asText()).isEqualTo("stop");
        });

        JsonNode before = arena.api().get("/api/battles/" + id).json();
        assertThat(before.get("status").asText()).isEqualTo("ready");
        assertThat(before.get("answers").get("a").get("text").asText()).isEqualTo(sideA);
        assertThat(before.has("models")).isFalse();

        String llamaSide = sideA.equals(LLAMA_ANSWER) ? "a" : "b";
        Api.Response vote = arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"" + llamaSide + "\"}");
        assertThat(vote.status()).isEqualTo(200);
        assertThat(vote.json().get("models").get(llamaSide).get("tag").asText()).isEqualTo("llama3.2:1b");
        assertThat(vote.json().get("models").get(llamaSide).get("name").asText())
                .isEqualTo("Llama 3.2 (1B)");
        // 1B (1100) beats 0.5B (1050): E = 1/(1+10^(-50/400)) = 0.571463, K = 32*(1+(0.5-1)/1) = 16.
        assertThat(vote.json().get("standings").get(llamaSide).get("elo_change").asDouble())
                .isCloseTo(6.8566, within(1e-3));

        JsonNode after = arena.api().get("/api/battles/" + id).json();
        assertThat(after.get("status").asText()).isEqualTo("voted");
        assertThat(after.get("models").get(llamaSide).get("tag").asText()).isEqualTo("llama3.2:1b");

        JsonNode board = arena.api().get("/api/leaderboard").json().get("rows");
        assertThat(board.get(0).get("model").asText()).isEqualTo("llama3.2:1b");
        assertThat(board.get(0).get("wins").asInt()).isEqualTo(1);
        assertThat(board.get(0).get("score").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(board.get(1).get("losses").asInt()).isEqualTo(1);
        assertThat(board.get(1).get("score").asDouble()).isZero();

        JsonNode elo = arena.api().get("/api/leaderboard/elo").json().get("rows");
        assertThat(elo.get(0).get("rating").asDouble()).isCloseTo(1106.8566, within(1e-3));
        assertThat(elo.get(0).get("initial_rating").asDouble()).isCloseTo(1100, within(1e-9));
        assertThat(elo.get(1).get("rating").asDouble()).isCloseTo(1043.1434, within(1e-3));
    }

    @Test
    void nothing_the_client_receives_before_the_vote_names_either_model() {
        StringBuilder seen = new StringBuilder();
        Api.Response created = arena.api().post("/api/battles", "{\"prompt\": \"Who are you?\"}");
        record(seen, created);
        String id = created.json().get("id").asText();
        record(seen, arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}"));
        arena.api().events(id).forEach(e -> seen.append(e.name()).append(e.id()).append(e.rawData()));
        record(seen, arena.api().get("/api/battles/" + id));
        record(seen, arena.api().get("/api/battles/" + id + "/events"));

        String everything = seen.toString().toLowerCase();
        assertThat(everything).contains("sunlight", "rayleigh");
        // Names, tags and sizes, not bare numbers: a speed such as 133.24 tokens/s would contain "3.2".
        assertThat(everything)
                .doesNotContain("llama", "qwen", "3.2 (", "2.5 (", "3.2:", "2.5:", "0.5b", "(1b", "1b)", "size_b");
    }

    @Test
    void a_battle_gets_one_vote_only() {
        String id = readyBattle();
        assertThat(arena.api()
                        .post("/api/battles/" + id + "/vote", "{\"winner\": \"tie\"}")
                        .status())
                .isEqualTo(200);
        Api.Response again = arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("already_voted");
        JsonNode board = arena.api().get("/api/leaderboard").json().get("rows");
        assertThat(board).allSatisfy(row -> {
            assertThat(row.get("ties").asInt()).isEqualTo(1);
            assertThat(row.get("battles").asInt()).isEqualTo(1);
        });
    }

    @Test
    void unknown_battles_are_404_and_bad_votes_are_400_without_touching_the_boards() {
        assertThat(arena.api().get("/api/battles/AAAAAAAAAAAAAAAAAAAAAA").status())
                .isEqualTo(404);
        assertThat(arena.api().get("/api/battles/not-an-id").json().get("error").asText())
                .isEqualTo("not_found");
        assertThat(arena.api()
                        .post("/api/battles/AAAAAAAAAAAAAAAAAAAAAA/vote", "{\"winner\": \"a\"}")
                        .status())
                .isEqualTo(404);

        String id = readyBattle();
        String vote = "/api/battles/" + id + "/vote";
        for (String bad : List.of(
                "",
                "not json",
                "[]",
                "{}",
                "{\"winner\": 1}",
                "{\"winner\": \"left\"}",
                "{\"winner\": \"a\", \"extra\": true}",
                "{\"winner\": null}")) {
            Api.Response r = arena.api().post(vote, bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
            assertThat(r.json().get("message").asText()).isNotBlank();
        }
        Api.Response wrongType = arena.api()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(arena.url() + vote))
                        .header("Content-Type", "text/plain")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("a")));
        assertThat(wrongType.status()).isEqualTo(415);

        for (String bad : List.of(
                "{}", "{\"prompt\": \"   \"}", "{\"prompt\": 42}", "{\"prompt\": \"" + "x".repeat(4001) + "\"}")) {
            assertThat(arena.api().post("/api/battles", bad).status()).as(bad).isEqualTo(400);
        }
        assertThat(arena.api().get("/api/leaderboard").json().get("rows"))
                .allSatisfy(row -> assertThat(row.get("battles").asInt()).isZero());
        assertThat(arena.api().post(vote, "{\"winner\": \"b\"}").status()).isEqualTo(200);
    }

    @Test
    void a_late_client_gets_the_whole_story_and_a_reconnecting_one_resumes_where_it_left_off() {
        String id = readyBattle();
        List<Api.Event> all = arena.api().events(id);
        assertThat(all.get(0).id()).isEqualTo("1");
        Api.Event middle = all.get(all.size() / 2);
        List<Api.Event> rest = arena.api().events(id, middle.id(), java.time.Duration.ofSeconds(10));
        assertThat(rest).isEqualTo(all.subList(all.size() / 2 + 1, all.size()));
    }

    @Test
    void a_client_that_has_seen_the_end_gets_the_end_again_at_once_instead_of_an_open_stream() {
        String id = readyBattle();
        List<Api.Event> all = arena.api().events(id);
        Api.Event end = all.get(all.size() - 1);
        for (String resumeAt : List.of(end.id(), "999999")) {
            long started = System.nanoTime();
            List<Api.Event> again = arena.api().events(id, resumeAt, java.time.Duration.ofSeconds(5));
            assertThat(again).containsExactly(end);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
        }
    }

    @Test
    void bodies_past_the_json_parser_limits_are_400_not_500() {
        for (String bad : List.of(
                "[".repeat(3000), "{\"prompt\": " + "[".repeat(3000), "{\"prompt\": " + "9".repeat(5000) + "}")) {
            Api.Response r = arena.api().post("/api/battles", bad);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
        }
    }

    @Test
    void a_random_prompt_comes_from_the_examples() {
        Api.Response r = arena.api().get("/api/prompts/random");
        assertThat(arena.config().examplePrompts())
                .contains(r.json().get("prompt").asText());
    }

    private String readyBattle() {
        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                .json()
                .get("id")
                .asText();
        List<Api.Event> events = arena.api().events(id);
        assertThat(Api.endStatus(events)).isEqualTo("ready");
        return id;
    }

    static String streamed(List<Api.Event> events, String side) {
        return events.stream()
                .filter(e -> e.name().equals("token")
                        && e.data().get("side").asText().equals(side))
                .map(e -> e.data().get("text").asText())
                .collect(Collectors.joining());
    }

    private static void record(StringBuilder seen, Api.Response r) {
        seen.append(r.status()).append(r.raw().headers().map()).append(r.text());
    }
}
