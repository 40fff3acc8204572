package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the arena asks of Ollama, and how it reads Ollama's answers about its models. */
class OllamaUsageTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @Test
    void every_call_carries_the_api_key_and_the_configured_generation_options() {
        arena.ollama().model("one:1b", "1.0B");
        arena.ollama().model("two:1b", "1.0B");
        arena.start(c -> c.apiKey("s3cret").model("one:1b", "One (1B)", null).model("two:1b", "Two (1B)", null));

        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"  Hello there  \"}")
                .json()
                .get("id")
                .asText();
        arena.api().events(id);

        assertThat(arena.ollama().requests())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.headers().get("Authorization")).containsExactly("Bearer s3cret"));
        List<FakeOllama.Request> chats = arena.ollama().requests("/api/chat");
        assertThat(chats).hasSize(2);
        for (FakeOllama.Request chat : chats) {
            JsonNode body = chat.body();
            assertThat(body.get("stream").asBoolean()).isTrue();
            assertThat(body.get("keep_alive").asText()).isEqualTo("5m");
            assertThat(body.get("options").get("temperature").asDouble()).isEqualTo(0.5);
            assertThat(body.get("options").get("num_predict").asInt()).isEqualTo(256);
            assertThat(body.get("options").get("seed").asInt()).isEqualTo(42);
            assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
            assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("Hello there");
        }
    }

    @Test
    void streamed_answers_leave_nothing_behind_however_many_tokens_they_carry() {
        arena.ollama().model("one:1b", "1.0B").answers("a", "b", "c", "d", "e", "f", "g", "h");
        arena.ollama().model("two:1b", "1.0B").answers("s", "t", "u", "v", "w", "x", "y", "z");
        arena.start(c -> c.model("one:1b", "One (1B)", null).model("two:1b", "Two (1B)", null));
        int rolesBefore =
                io.github.ollama4j.models.chat.OllamaChatMessageRole.getRoles().size();

        for (int i = 0; i < 3; i++) {
            String id = arena.api()
                    .post("/api/battles", "{\"prompt\": \"Letters please\"}")
                    .json()
                    .get("id")
                    .asText();
            assertThat(Api.endStatus(arena.api().events(id))).isEqualTo("ready");
        }

        // Ollama4j keeps every message role it ever made in a static list: read per streamed
        // token, that grew by 54 objects here (3 battles), and by one per token for as long as the arena ran.
        assertThat(io.github.ollama4j.models.chat.OllamaChatMessageRole.getRoles())
                .hasSize(rolesBefore);
    }

    @Test
    void in_sequential_mode_the_second_model_starts_only_after_the_first_has_finished() {
        arena.ollama().model("one:1b", "1.0B").answers("a", "b", "c", "d").paced(50);
        arena.ollama().model("two:1b", "1.0B").answers("w", "x", "y", "z").paced(50);
        arena.start(c -> c.sequential().model("one:1b", "One (1B)", null).model("two:1b", "Two (1B)", null));

        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Letters please\"}")
                .json()
                .get("id")
                .asText();
        List<Api.Event> events = arena.api().events(id);

        List<String> order = new ArrayList<>();
        for (Api.Event e : events) {
            if (e.name().equals("token") || e.name().equals("done")) {
                String side = e.data().get("side").asText();
                if (order.isEmpty() || !order.get(order.size() - 1).equals(side)) {
                    order.add(side);
                }
            }
        }
        assertThat(order).containsExactly("a", "b");
        assertThat(Api.endStatus(events)).isEqualTo("ready");
    }

    @Test
    void sizes_come_from_the_config_then_the_name_then_ollama_and_oversized_or_unknown_models_are_refused() {
        arena.ollama().model("named:latest", "9.9B");
        arena.ollama().model("plain:latest", "3.2B");
        arena.ollama().model("huge:latest", "13.0B");
        arena.ollama().model("declared:latest", "1.0B");
        arena.start(c -> c.model("named", "Named (2B)", null)
                .model("plain", "Plain", null)
                .model("huge", "Huge", null)
                .model("declared", "Declared (5B)", 0.5)
                .model("ghost", "Ghost", null));

        JsonNode models = arena.api().get("/api/models").json().get("models");
        assertThat(model(models, "named:latest").get("size_b").asDouble()).isEqualTo(2.0);
        assertThat(model(models, "named:latest").get("size_source").asText()).isEqualTo("name");
        assertThat(model(models, "plain:latest").get("size_b").asDouble()).isEqualTo(3.2);
        assertThat(model(models, "plain:latest").get("size_source").asText()).isEqualTo("ollama");
        assertThat(model(models, "declared:latest").get("size_b").asDouble()).isEqualTo(0.5);
        assertThat(model(models, "huge:latest").get("available").asBoolean()).isFalse();
        assertThat(model(models, "huge:latest").get("reason").asText()).contains("13 B", "max_model_size_b");
        assertThat(model(models, "ghost:latest").get("available").asBoolean()).isFalse();
        assertThat(arena.api().get("/api/health").json().get("models_available").asInt())
                .isEqualTo(3);
        assertThat(arena.ollama().requests("/api/show"))
                .extracting(
                        r -> r.body().path("name").asText(r.body().path("model").asText()))
                .containsOnly("plain:latest", "huge:latest");
    }

    @Test
    void a_model_deleted_from_ollama_while_running_fails_at_most_one_battle_and_is_then_skipped() {
        arena.ollama().model("one:1b", "1.0B");
        arena.ollama().model("two:1b", "1.0B");
        arena.ollama().model("three:1b", "1.0B");
        arena.start(c -> c.model("one:1b", "One (1B)", null)
                .model("two:1b", "Two (1B)", null)
                .model("three:1b", "Three (1B)", null));
        arena.ollama().remove("three:1b");

        int failed = 0;
        for (int i = 0; i < 8; i++) {
            String id = arena.api()
                    .post("/api/battles", "{\"prompt\": \"Hi\"}")
                    .json()
                    .get("id")
                    .asText();
            List<Api.Event> events = arena.api().events(id);
            if (Api.endStatus(events).equals("failed")) {
                failed++;
                assertThat(events).anySatisfy(e -> assertThat(e.rawData()).contains("not installed in Ollama"));
            }
        }
        assertThat(failed).isLessThanOrEqualTo(1);
        JsonNode three = model(arena.api().get("/api/models").json().get("models"), "three:1b");
        assertThat(three.get("available").asBoolean()).isFalse();
        assertThat(three.get("state").asText()).isEqualTo("not_installed");
    }

    @Test
    void a_model_that_comes_back_is_used_again() {
        arena.ollama().model("one:1b", "1.0B");
        arena.ollama().model("two:1b", "1.0B");
        arena.start(c -> c.model("one:1b", "One (1B)", null).model("two:1b", "Two (1B)", null));
        arena.ollama().remove("two:1b");
        String first = arena.api()
                .post("/api/battles", "{\"prompt\": \"Hi\"}")
                .json()
                .get("id")
                .asText();
        arena.api().events(first);
        assertThat(arena.api().post("/api/battles", "{\"prompt\": \"Hi\"}").status())
                .isEqualTo(503);

        arena.ollama().model("two:1b", "1.0B");
        arena.app().refreshModels();
        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Hi\"}")
                .json()
                .get("id")
                .asText();
        List<Api.Event> events = arena.api().events(id);
        assertThat(Api.endStatus(events)).isEqualTo("ready");
    }

    private static JsonNode model(JsonNode models, String tag) {
        for (JsonNode m : models) {
            if (m.get("tag").asText().equals(tag)) {
                return m;
            }
        }
        throw new AssertionError("no model " + tag + " in " + models);
    }
}
