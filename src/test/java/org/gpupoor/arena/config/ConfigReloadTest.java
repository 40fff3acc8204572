package org.gpupoor.arena.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.gpupoor.arena.App;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Edits to arena_config.yaml take effect while the arena runs; bad edits change nothing; battles under way are left alone. */
class ConfigReloadTest {
    private static final String TOKEN = "reload-token";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .startedByTest()
            .inOllamaOnly(
                    "one:1b",
                    "1.0B",
                    m -> m.answers("One", " two", " three", " four", " five").paced(300))
            .inOllamaOnly("two:1b", "1.0B", m -> m.answers("Uno", " dos").paced(20))
            .inOllamaOnly("three:1b", "1.0B", m -> {});

    Path file;

    @BeforeEach
    void start() throws Exception {
        file = arena.dir().resolve("arena_config.yaml");
        Files.writeString(file, yaml(List.of("one:1b", "two:1b"), "Why is the sky blue?", 20, 0));
        arena.start(ConfigLoader.load(file), new App.Operations(file, UnaryOperator.identity(), TOKEN));
    }

    @Test
    void a_valid_edit_takes_effect_within_seconds_without_a_restart() throws Exception {
        Files.writeString(file, yaml(List.of("one:1b", "two:1b", "three:1b"), "Name three rivers.", 20, 1));

        Poll.until(
                "the third model is approved",
                Duration.ofSeconds(15),
                () -> arena.api().get("/api/models").json().get("models").size() == 3);
        Poll.until(
                "the third model is available",
                Duration.ofSeconds(15),
                () -> arena.api()
                                .get("/api/health")
                                .json()
                                .get("models_available")
                                .asInt()
                        == 3);
        assertThat(arena.api().get("/api/prompts/random").json().get("prompt").asText())
                .isEqualTo("Name three rivers.");
        JsonNode inForce = admin("GET", "/api/admin/config").json();
        assertThat(inForce.get("rate_limits").get("votes_per_minute").asInt()).isEqualTo(1);
        // The new vote limit is in force: a second vote within the minute is refused.
        String first = battle("Hello");
        String second = battle("Hello again");
        arena.api().events(first);
        arena.api().events(second);
        assertThat(arena.api()
                        .post("/api/battles/" + first + "/vote", "{\"winner\": \"a\"}")
                        .status())
                .isEqualTo(200);
        assertThat(arena.api()
                        .post("/api/battles/" + second + "/vote", "{\"winner\": \"a\"}")
                        .status())
                .isEqualTo(429);
    }

    @Test
    void an_invalid_edit_is_refused_with_its_line_and_field_and_the_previous_config_stays() throws Exception {
        Files.writeString(
                file,
                yaml(List.of("one:1b", "two:1b", "three:1b"), "Broken?", 20, 0)
                        .replace("max_prompt_chars: 4000", "max_prompt_chars: -5"));

        Api.Response refused = admin("POST", "/api/admin/config/reload");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_config");
        assertThat(refused.json().get("message").asText())
                .contains("arena_config.yaml", "line ", "max_prompt_chars", "previous config stays in force");
        assertThat(arena.api().get("/api/models").json().get("models")).hasSize(2);
        assertThat(arena.api().get("/api/prompts/random").json().get("prompt").asText())
                .isEqualTo("Why is the sky blue?");
        assertThat(admin("GET", "/api/admin/config")
                        .json()
                        .get("max_prompt_chars")
                        .asInt())
                .isEqualTo(4000);

        // Valid on its own, but it leans on auto_discover, which only a restart would switch on.
        Files.writeString(
                file,
                yaml(List.of("one:1b"), "Why is the sky blue?", 20, 0)
                        .replace("ollama:\n", "ollama:\n  auto_discover: true\n"));
        Api.Response leaning = admin("POST", "/api/admin/config/reload");
        assertThat(leaning.status()).isEqualTo(400);
        assertThat(leaning.json().get("message").asText())
                .contains("models: list at least two models", "until a restart");
        assertThat(arena.api().get("/api/models").json().get("models")).hasSize(2);
    }

    @Test
    void a_battle_under_way_keeps_the_deadlines_it_started_with() throws Exception {
        String running = battle("Take your time");
        // one:1b needs about 1.5 s; the new deadline would stop it after 1 s.
        Files.writeString(file, yaml(List.of("one:1b", "two:1b"), "Why is the sky blue?", 1, 0));
        Api.Response reload = admin("POST", "/api/admin/config/reload");
        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.json().get("changed")).extracting(JsonNode::asText).contains("deadlines");

        assertThat(Api.endStatus(arena.api().events(running)))
                .as("the battle that started before the edit")
                .isEqualTo("ready");
        String after = battle("Now hurry");
        List<Api.Event> events = arena.api().events(after);
        assertThat(Api.endStatus(events)).as("a battle started after the edit").isEqualTo("failed");
        assertThat(events.toString()).contains("within 1 s");
    }

    private String battle(String prompt) {
        Api.Response created = arena.api().post("/api/battles", "{\"prompt\": \"" + prompt + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Api.Response admin(String method, String path) {
        return arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private String yaml(List<String> tags, String prompt, int totalSeconds, int votesPerMinute) {
        StringBuilder models = new StringBuilder();
        for (String tag : tags) {
            models.append("  - tag: ")
                    .append(tag)
                    .append("\n    name: ")
                    .append(tag.replace(":1b", ""))
                    .append(" (1B)\n");
        }
        return """
                name: Reload Arena
                ollama:
                  url: %s
                deadlines:
                  first_token_seconds: %d
                  total_seconds: %d
                generation:
                  parallel: true
                max_prompt_chars: 4000
                leaderboard_file: %s
                rate_limits:
                  battles_per_minute: 0
                  votes_per_minute: %d
                example_prompts:
                  - %s
                models:
                %s""".formatted(
                        arena.ollama().url(),
                        Math.min(10, totalSeconds),
                        totalSeconds,
                        arena.dir().resolve("leaderboard.json"),
                        votesPerMinute,
                        prompt,
                        models);
    }
}
