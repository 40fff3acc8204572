package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.ModelScript;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way Ollama can let a side down fails that battle cleanly, says why, and counts nothing. */
class OllamaFailureTest {
    @TempDir
    Path dir;

    FakeOllama ollama;
    TestArena arena;

    @AfterEach
    void stop() {
        if (arena != null) {
            arena.close();
        }
        if (ollama != null) {
            ollama.close();
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        "model missing (404 before streaming)",
                        (Consumer<ModelScript>)
                                m -> m.failsWith(404, "model 'broken:7b' not found, try pulling it first"),
                        "not installed in Ollama"),
                Arguments.of(
                        "server error (500)",
                        (Consumer<ModelScript>)
                                m -> m.failsWith(500, "llama runner process has terminated: broken:7b crashed"),
                        "Ollama returned an error"),
                Arguments.of(
                        "error line mid-stream",
                        (Consumer<ModelScript>) m -> m.errorsAfter(3),
                        "reported an error while the model was answering"),
                Arguments.of(
                        "connection dropped mid-stream", (Consumer<ModelScript>) m -> m.dropsAfter(3), "broke off"),
                Arguments.of(
                        "first token later than the deadline",
                        (Consumer<ModelScript>) m -> m.loadsFor(5_000),
                        "did not start answering within 1 s"),
                Arguments.of(
                        "stream that never finishes",
                        (Consumer<ModelScript>) m -> m.neverFinishes(),
                        "did not finish its answer within 2 s"),
                Arguments.of(
                        "stream that goes silent",
                        (Consumer<ModelScript>) m -> m.goesSilent(),
                        "did not finish its answer within 2 s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void a_failing_side_fails_the_battle_with_a_clear_reason(String name, Consumer<ModelScript> breakIt, String reason)
            throws Exception {
        ollama = new FakeOllama();
        ollama.model("good:1b", "1.0B").answers("A", " fine", " answer", ".").paced(20);
        breakIt.accept(ollama.model("broken:7b", "7.0B")
                .answers("Half", " an", " answer", " and", " more")
                .paced(20));
        arena = TestArena.start(
                dir,
                TestArena.config(ollama.url(), dir)
                        .model("good:1b", "Good (1B)", null)
                        .model("broken:7b", "Broken (7B)", null)
                        .deadlines(1, 2)
                        .build());

        String id = arena.api
                .post("/api/battles", "{\"prompt\": \"Say something.\"}")
                .json()
                .get("id")
                .asText();
        List<Api.Event> events = arena.api.events(id, null, Duration.ofSeconds(20));

        Api.Event end = events.get(events.size() - 1);
        assertThat(end.name()).isEqualTo("end");
        assertThat(end.data().get("status").asText()).isEqualTo("failed");
        List<Api.Event> errors =
                events.stream().filter(e -> e.name().equals("error")).toList();
        assertThat(errors)
                .anySatisfy(e -> assertThat(e.data().get("message").asText()).contains(reason));
        assertThat(end.data().get("reason").asText()).contains(reason);
        String everything = events.toString().toLowerCase();
        assertThat(everything).doesNotContain("broken", "good (1b)", "good:1b");

        JsonNode battle = arena.api.get("/api/battles/" + id).json();
        assertThat(battle.get("status").asText()).isEqualTo("failed");
        assertThat(battle.get("failure").asText()).contains(reason);

        Api.Response vote = arena.api.post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}");
        assertThat(vote.status()).isEqualTo(409);
        assertThat(vote.json().get("error").asText()).isEqualTo("battle_failed");
        assertThat(arena.api.get("/api/leaderboard").json().get("rows"))
                .allSatisfy(row -> assertThat(row.get("battles").asInt()).isZero());
        assertThat(arena.api.get("/api/health").status()).isEqualTo(200);

        // A server that has gone silent cannot tell whether its client hung up (it writes nothing), so
        // that case is not checked here; every other fault must close Ollama's stream, at once, so
        // that Ollama stops generating for nobody (a late first token would otherwise hold it 5 s).
        if (!name.contains("goes silent")) {
            assertThat(ollama.awaitNoOpenStreams(Duration.ofSeconds(2)))
                    .as("Ollama's streams are closed")
                    .isTrue();
        }
    }

    @Test
    void ollama_going_away_after_start_fails_the_battle_and_the_health_check_says_so() throws Exception {
        ollama = new FakeOllama();
        ollama.model("one:1b", "1.0B");
        ollama.model("two:1b", "1.0B");
        arena = TestArena.start(
                dir,
                TestArena.config(ollama.url(), dir)
                        .model("one:1b", "One (1B)", null)
                        .model("two:1b", "Two (1B)", null)
                        .build());
        ollama.close();

        String id = arena.api
                .post("/api/battles", "{\"prompt\": \"Hello?\"}")
                .json()
                .get("id")
                .asText();
        List<Api.Event> events = arena.api.events(id);
        assertThat(Api.endStatus(events)).isEqualTo("failed");
        assertThat(events).anySatisfy(e -> assertThat(e.rawData()).contains("Ollama is not reachable"));
        assertThat(arena.api
                        .post("/api/battles/" + id + "/vote", "{\"winner\": \"b\"}")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void the_arena_starts_without_ollama_reports_it_and_refuses_battles_clearly() throws Exception {
        ollama = new FakeOllama();
        String url = ollama.url();
        ollama.close();
        arena = TestArena.start(
                dir,
                TestArena.config(url, dir)
                        .model("one:1b", "One (1B)", null)
                        .model("two:1b", "Two (1B)", null)
                        .build());

        JsonNode health = arena.api.get("/api/health").json();
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("ollama").asText()).isEqualTo("down");
        assertThat(health.get("models_available").asInt()).isZero();
        Api.Response refused = arena.api.post("/api/battles", "{\"prompt\": \"Hello?\"}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("error").asText()).isEqualTo("ollama_down");
        assertThat(refused.json().get("message").asText()).contains("not reachable", url);
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up), so that no outgoing connection of
     * this or another test (a pooled database connection, say) is given it before Ollama comes back.
     */
    private static int portNobodyWillTake() throws java.io.IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; ; attempt++) {
            int port = 20_000 + random.nextInt(10_000);
            try (java.net.ServerSocket probe =
                    new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (java.net.BindException taken) {
                if (attempt > 50) {
                    throw taken;
                }
            }
        }
    }

    @Test
    void ollama_down_at_start_and_back_later_serves_battles_without_a_restart() throws Exception {
        int port = portNobodyWillTake();
        arena = TestArena.start(
                dir,
                TestArena.config("http://127.0.0.1:" + port, dir)
                        .model("one:1b", "One (1B)", null)
                        .model("two:1b", "Two (1B)", null)
                        .build());
        assertThat(arena.api.get("/api/health").json().get("ollama").asText()).isEqualTo("down");
        assertThat(arena.api.post("/api/battles", "{\"prompt\": \"Hello?\"}").status())
                .isEqualTo(503);

        ollama = new FakeOllama(port);
        ollama.model("one:1b", "1.0B");
        ollama.model("two:1b", "1.0B");
        Api.Response created = arena.api.post("/api/battles", "{\"prompt\": \"Hello again\"}");
        assertThat(created.status()).isEqualTo(201);
        List<Api.Event> events = arena.api.events(created.json().get("id").asText());
        assertThat(Api.endStatus(events)).isEqualTo("ready");
        JsonNode health = arena.api.get("/api/health").json();
        assertThat(health.get("ollama").asText()).isEqualTo("up");
        assertThat(health.get("models_available").asInt()).isEqualTo(2);
    }

    @Test
    void ollama_restarting_between_battles_costs_the_next_battle_nothing() throws Exception {
        int port = portNobodyWillTake();
        ollama = new FakeOllama(port);
        ollama.model("one:1b", "1.0B").answers("Kept", " alive.");
        ollama.model("two:1b", "1.0B").answers("Also", " kept.");
        arena = TestArena.start(
                dir,
                TestArena.config("http://127.0.0.1:" + port, dir)
                        .model("one:1b", "One (1B)", null)
                        .model("two:1b", "Two (1B)", null)
                        .build());
        String first = arena.api
                .post("/api/battles", "{\"prompt\": \"Hello\"}")
                .json()
                .get("id")
                .asText();
        assertThat(Api.endStatus(arena.api.events(first))).isEqualTo("ready");

        // The arena keeps its connections to Ollama open for the next answers; a restart closes them.
        ollama.close();
        ollama = new FakeOllama(port);
        ollama.model("one:1b", "1.0B").answers("Fresh", " start.");
        ollama.model("two:1b", "1.0B").answers("New", " process.");
        arena.app.refreshModels();
        String second = arena.api
                .post("/api/battles", "{\"prompt\": \"Hello again\"}")
                .json()
                .get("id")
                .asText();
        List<Api.Event> events = arena.api.events(second);
        assertThat(Api.endStatus(events)).isEqualTo("ready");
        JsonNode battle = arena.api.get("/api/battles/" + second).json();
        assertThat(battle.get("answers").get("a").get("text").asText()
                        + battle.get("answers").get("b").get("text").asText())
                .contains("start.", "process.");
    }

    @Test
    void a_model_ollama_does_not_have_is_never_matched() throws Exception {
        ollama = new FakeOllama();
        ollama.model("one:1b", "1.0B");
        ollama.model("two:1b", "1.0B");
        arena = TestArena.start(
                dir,
                TestArena.config(ollama.url(), dir)
                        .model("one:1b", "One (1B)", null)
                        .model("two:1b", "Two (1B)", null)
                        .model("absent:3b", "Absent (3B)", null)
                        .build());

        JsonNode models = arena.api.get("/api/models").json().get("models");
        assertThat(models).anySatisfy(m -> {
            assertThat(m.get("tag").asText()).isEqualTo("absent:3b");
            assertThat(m.get("available").asBoolean()).isFalse();
            assertThat(m.get("reason").asText()).contains("ollama pull absent:3b");
        });
        for (int i = 0; i < 6; i++) {
            String id = arena.api
                    .post("/api/battles", "{\"prompt\": \"Hi\"}")
                    .json()
                    .get("id")
                    .asText();
            assertThat(Api.endStatus(arena.api.events(id))).isEqualTo("ready");
        }
        assertThat(ollama.requests("/api/chat"))
                .noneSatisfy(r -> assertThat(r.body().get("model").asText()).isEqualTo("absent:3b"));
    }
}
