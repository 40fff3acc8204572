package org.gpupoor.arena.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boards survive restarts unchanged, and leaderboard.json carries an old arena's results in and out. */
class DurableBoardsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    FakeOllama ollama;
    ArenaConfig config;

    @BeforeEach
    void start() throws Exception {
        ollama = new FakeOllama();
        ollama.model("llama3.2:1b", "1.2B").answers("One", " answer.");
        ollama.model("qwen2.5:3b", "3.1B").answers("Another", " answer.");
        ollama.model("gemma2:2b", "2.6B").answers("A third", " answer.");
        config = TestArena.config(ollama.url(), dir)
                .model("llama3.2:1b", "Llama 3.2 (1B)", null)
                .model("qwen2.5:3b", "Qwen 2.5 (3B)", null)
                .model("gemma2:2b", "Gemma 2 (2B)", null)
                .build();
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void the_boards_after_a_restart_are_the_boards_before_it() {
        JsonNode main;
        JsonNode elo;
        try (TestArena arena = TestArena.start(dir, config)) {
            List<String> verdicts = List.of("a", "b", "tie", "both_bad", "a", "a", "b", "tie", "a", "b", "b", "a");
            for (String verdict : verdicts) {
                String id = battle(arena.api);
                assertThat(arena.api
                                .post("/api/battles/" + id + "/vote", "{\"winner\": \"" + verdict + "\"}")
                                .status())
                        .isEqualTo(200);
            }
            battle(arena.api); // ready but never voted: must not count, before or after
            main = Api.withoutSpeeds(arena.api.get("/api/leaderboard").json());
            elo = Api.withoutSpeeds(arena.api.get("/api/leaderboard/elo").json());
        }
        int battles = 0;
        for (JsonNode row : main.get("rows")) {
            battles += row.get("battles").asInt();
        }
        assertThat(battles).isEqualTo(2 * 12);

        try (TestArena again = TestArena.start(dir, config)) {
            assertThat(Api.withoutSpeeds(again.api.get("/api/leaderboard").json()))
                    .isEqualTo(main);
            assertThat(Api.withoutSpeeds(again.api.get("/api/leaderboard/elo").json()))
                    .isEqualTo(elo);
        }
    }

    @Test
    void an_old_leaderboard_json_is_imported_once_and_the_file_is_kept_current_in_the_same_format() throws Exception {
        Path file = dir.resolve("leaderboard.json");
        Files.writeString(file, """
                {
                  "llama3.2:1b": {"wins": 3, "losses": 1, "opponents": {
                      "qwen2.5:3b": {"wins": 2, "losses": 1}, "gemma2:2b": {"wins": 1, "losses": 0}}},
                  "qwen2.5:3b": {"wins": 1, "losses": 2, "opponents": {"llama3.2:1b": {"wins": 1, "losses": 2}}},
                  "gemma2:2b": {"wins": 0, "losses": 1, "opponents": {"llama3.2:1b": {"wins": 0, "losses": 1}}}
                }""");
        try (TestArena arena = TestArena.start(dir, config)) {
            JsonNode rows = arena.api.get("/api/leaderboard").json().get("rows");
            assertThat(row(rows, "llama3.2:1b").get("wins").asInt()).isEqualTo(3);
            assertThat(row(rows, "llama3.2:1b").get("losses").asInt()).isEqualTo(1);
            assertThat(row(rows, "qwen2.5:3b").get("battles").asInt()).isEqualTo(3);
            assertThat(row(rows, "gemma2:2b").get("losses").asInt()).isEqualTo(1);

            String id = battle(arena.api);
            JsonNode vote = arena.api
                    .post("/api/battles/" + id + "/vote", "{\"winner\": \"tie\"}")
                    .json();
            String a = vote.get("models").get("a").get("tag").asText();
            String b = vote.get("models").get("b").get("tag").asText();
            Poll.until(
                    "leaderboard.json holds the new tie",
                    Duration.ofSeconds(10),
                    () -> read(file)
                                    .path(a)
                                    .path("opponents")
                                    .path(b)
                                    .path("ties")
                                    .asInt()
                            == 1);
            JsonNode written = read(file);
            assertThat(written.get("llama3.2:1b")
                            .get("opponents")
                            .get("qwen2.5:3b")
                            .get("wins")
                            .asInt())
                    .isEqualTo(2);
            assertThat(written.get(b).get("ties").asInt()).isEqualTo(1);
        }

        Path fresh = dir.resolve("second");
        Files.createDirectories(fresh);
        Files.copy(file, fresh.resolve("leaderboard.json"));
        ArenaConfig second = TestArena.config(ollama.url(), fresh)
                .model("llama3.2:1b", "Llama 3.2 (1B)", null)
                .model("qwen2.5:3b", "Qwen 2.5 (3B)", null)
                .model("gemma2:2b", "Gemma 2 (2B)", null)
                .build();
        try (TestArena first = TestArena.start(dir, config);
                TestArena copy = TestArena.start(fresh, second)) {
            JsonNode original = first.api.get("/api/leaderboard").json().get("rows");
            JsonNode roundTripped = copy.api.get("/api/leaderboard").json().get("rows");
            for (String model : List.of("llama3.2:1b", "qwen2.5:3b", "gemma2:2b")) {
                for (String field : List.of("wins", "losses", "ties", "battles", "score")) {
                    assertThat(row(roundTripped, model).get(field))
                            .as(model + " " + field)
                            .isEqualTo(row(original, model).get(field));
                }
            }
        }
    }

    @Test
    void a_corrupt_leaderboard_json_is_reported_and_never_overwritten() throws Exception {
        Path file = dir.resolve("leaderboard.json");
        String corrupt = "{\"llama3.2:1b\": {\"wins\": 3, \"losses\": ";
        Files.writeString(file, corrupt);
        try (TestArena arena = TestArena.start(dir, config)) {
            JsonNode health = arena.api.get("/api/health").json();
            assertThat(health.get("leaderboard_json_problem").asText())
                    .contains("leaderboard.json", "not valid JSON", "untouched");
            String id = battle(arena.api);
            assertThat(arena.api
                            .post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                            .status())
                    .isEqualTo(200);
            Instant until = Instant.now().plusMillis(500);
            while (Instant.now().isBefore(until)) {
                assertThat(Files.readString(file)).isEqualTo(corrupt);
                Thread.onSpinWait();
            }
        }
        assertThat(Files.readString(file)).isEqualTo(corrupt);
    }

    @Test
    void a_leaderboard_json_beyond_the_parser_limits_is_reported_as_corrupt_not_a_crash() throws Exception {
        Path file = dir.resolve("leaderboard.json");
        String nested = "{\"m:1b\": " + "[".repeat(3000);
        Files.writeString(file, nested);
        try (TestArena arena = TestArena.start(dir, config)) {
            assertThat(arena.api
                            .get("/api/health")
                            .json()
                            .get("leaderboard_json_problem")
                            .asText())
                    .contains("not valid JSON");
        }
        assertThat(Files.readString(file)).isEqualTo(nested);
    }

    static String battle(Api api) {
        String id = api.post("/api/battles", "{\"prompt\": \"Tell me a fact.\"}")
                .json()
                .get("id")
                .asText();
        List<Api.Event> events = api.events(id);
        assertThat(Api.endStatus(events)).isEqualTo("ready");
        return id;
    }

    static JsonNode row(JsonNode rows, String model) {
        for (JsonNode r : rows) {
            if (r.get("model").asText().equals(model)) {
                return r;
            }
        }
        throw new AssertionError("no row for " + model + " in " + rows);
    }

    static JsonNode read(Path file) {
        try {
            return Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
        } catch (Exception e) {
            throw new AssertionError("leaderboard.json is not readable JSON", e);
        }
    }
}
