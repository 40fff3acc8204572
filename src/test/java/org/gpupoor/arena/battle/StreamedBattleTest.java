package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A new battle whose creation answers with its event stream: one request to the first token. */
class StreamedBattleTest {
    static final String LLAMA_ANSWER = "Short blue wavelengths scatter the most.";
    static final String QWEN_ANSWER = "Air molecules scatter blue light.";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .model(
                    "llama3.2:1b",
                    "1.2B",
                    "Llama 3.2 (1B)",
                    m -> m.answers(BattleFlowTest.words(LLAMA_ANSWER)).paced(5))
            .model(
                    "qwen2.5:0.5b",
                    "494.03M",
                    "Qwen 2.5 (0.5B)",
                    m -> m.answers(BattleFlowTest.words(QWEN_ANSWER)).paced(5))
            .model(
                    "gemma2:2b",
                    "2.6B",
                    "Gemma 2 (2B)",
                    m -> m.answers("Rayleigh ", "scattering.").paced(5));

    @Test
    void one_request_streams_the_new_battle_to_its_end_and_leaves_it_in_the_log_to_vote_on() {
        Api.Streamed created = arena.api().postForEvents("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        String id = created.battleId();
        assertThat(id).hasSize(22);
        List<Api.Event> events = created.events();
        assertThat(events.get(0).id()).isEqualTo("1");
        assertThat(events)
                .filteredOn(e -> e.name().equals("started"))
                .extracting(e -> e.data().get("side").asText())
                .containsExactlyInAnyOrder("a", "b");
        assertThat(Api.endStatus(events)).isEqualTo("ready");
        String a = BattleFlowTest.streamed(events, "a");
        String b = BattleFlowTest.streamed(events, "b");
        assertThat(List.of(a, b))
                .doesNotHaveDuplicates()
                .allSatisfy(answer -> assertThat(answer).isIn(LLAMA_ANSWER, QWEN_ANSWER, "Rayleigh scattering."));

        // The same battle as GET /events tells it, and as the log keeps it.
        assertThat(arena.api().events(id))
                .extracting(Api.Event::rawData)
                .isEqualTo(events.stream().map(Api.Event::rawData).toList());
        assertThat(arena.api().get("/api/battles/" + id).json().get("status").asText())
                .isEqualTo("ready");
        Api.Response vote = arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}");
        assertThat(vote.status()).isEqualTo(200);
        assertThat(vote.json().get("counted").asBoolean()).isTrue();
        arena.restart();
        assertThat(arena.api().get("/api/battles/" + id).json().get("status").asText())
                .isEqualTo("voted");
    }

    @Test
    void a_refused_battle_is_a_json_error_even_when_events_were_asked_for() {
        Api.Streamed refused = arena.api().postForEvents("/api/battles", "{\"prompt\": \"  \"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.events()).isEmpty();
    }

    @Test
    void a_new_pair_can_answer_with_its_events_too() {
        Api.Streamed first = arena.api().postForEvents("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}");
        assertThat(Api.endStatus(first.events())).isEqualTo("ready");

        Api.Streamed again = arena.api().postForEvents("/api/battles/" + first.battleId() + "/new-pair", "");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.battleId()).isNotEqualTo(first.battleId());
        assertThat(Api.endStatus(again.events())).isEqualTo("ready");
        assertThat(arena.api()
                        .get("/api/battles/" + first.battleId())
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("skipped");
    }

    @Test
    void a_battle_the_log_cannot_take_ends_failed_on_its_stream_and_the_next_one_runs() throws Exception {
        Path log = arena.dir().resolve("arena.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + log);
                Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER full_disk BEFORE INSERT ON battles BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        }

        Api.Streamed streamed = arena.api().postForEvents("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}");
        assertThat(streamed.status()).isEqualTo(201);
        assertThat(Api.endStatus(streamed.events())).isEqualTo("failed");
        assertThat(streamed.events().get(streamed.events().size() - 1).rawData())
                .contains("could not be saved");
        assertThat(arena.api()
                        .post("/api/battles/" + streamed.battleId() + "/vote", "{\"winner\": \"a\"}")
                        .status())
                .isEqualTo(409);
        Api.Response json = arena.api().post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}");
        assertThat(json.status()).isEqualTo(500);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + log);
                Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER full_disk");
        }
        Api.Streamed next = arena.api().postForEvents("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}");
        assertThat(Api.endStatus(next.events())).isEqualTo("ready");
    }
}
