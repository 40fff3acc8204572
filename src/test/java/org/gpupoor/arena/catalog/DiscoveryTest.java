package org.gpupoor.arena.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With ollama.auto_discover, every model Ollama has within the size cap battles; one removed stops battling but keeps its history. */
class DiscoveryTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @Test
    void ollamas_models_within_the_cap_are_found_named_and_dropped_from_battles_when_removed() throws Exception {
        arena.ollama().model("listed:1b", "1.0B");
        arena.ollama().model("qwen2.5:0.5b", "0.5B").details("qwen2", "Q8_0");
        arena.ollama().model("gemma2:2b", "2.6B").details("gemma2", "Q4_0");
        arena.ollama().model("phi3:14b", "14.0B").details("phi3", "Q4_K_M");
        arena.ollama().model("nomic-embed-text:latest", "137M").details("nomic-bert", "F16"); // answers no chat
        arena.start(c -> c.autoDiscover().model("listed:1b", "Listed (1B)", null));

        JsonNode models = arena.api().get("/api/models").json().get("models");
        assertThat(models)
                .extracting(m -> m.get("tag").asText())
                .containsExactly("listed:1b", "gemma2:2b", "phi3:14b", "qwen2.5:0.5b");
        JsonNode qwen = model(models, "qwen2.5:0.5b");
        assertThat(qwen.get("name").asText()).isEqualTo("Qwen2 0.5B Q8_0");
        assertThat(qwen.get("quantization").asText()).isEqualTo("Q8_0");
        assertThat(qwen.get("discovered").asBoolean()).isTrue();
        assertThat(qwen.get("size_b").asDouble()).isEqualTo(0.5);
        assertThat(qwen.get("available").asBoolean()).isTrue();
        assertThat(model(models, "phi3:14b").get("state").asText()).isEqualTo("too_large");
        assertThat(model(models, "listed:1b").get("discovered").asBoolean()).isFalse();
        assertThat(arena.api().get("/api/health").json().get("models_available").asInt())
                .isEqualTo(3);

        // Battles until one involves a discovered model, then that model leaves Ollama.
        JsonNode revealed = null;
        String gone = null;
        for (int i = 0; i < 10 && gone == null; i++) {
            String id = arena.api()
                    .post("/api/battles", "{\"prompt\": \"Hi\"}")
                    .json()
                    .get("id")
                    .asText();
            arena.api().events(id);
            revealed = arena.api()
                    .post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                    .json()
                    .get("models");
            for (String side : List.of("a", "b")) {
                if (!revealed.get(side).get("tag").asText().equals("listed:1b")) {
                    gone = revealed.get(side).get("tag").asText();
                }
            }
        }
        assertThat(gone).isNotNull();
        arena.ollama().remove(gone);
        arena.app().refreshModels();

        JsonNode after = model(arena.api().get("/api/models").json().get("models"), gone);
        assertThat(after.get("available").asBoolean()).isFalse();
        assertThat(after.get("reason").asText()).contains("removed from Ollama");
        assertThat(after.get("battles").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(arena.api().get("/api/health").json().get("models_available").asInt())
                .isEqualTo(2);
        List<String> onBoard = new ArrayList<>();
        arena.api()
                .get("/api/leaderboard")
                .json()
                .get("rows")
                .forEach(r -> onBoard.add(r.get("model").asText()));
        assertThat(onBoard).as("its history stays on the board").contains(gone);
        for (int i = 0; i < 4; i++) {
            String id = arena.api()
                    .post("/api/battles", "{\"prompt\": \"Again\"}")
                    .json()
                    .get("id")
                    .asText();
            assertThat(Api.endStatus(arena.api().events(id))).isEqualTo("ready");
            JsonNode pair = arena.api()
                    .post("/api/battles/" + id + "/vote", "{\"winner\": \"tie\"}")
                    .json()
                    .get("models");
            assertThat(List.of(
                            pair.get("a").get("tag").asText(),
                            pair.get("b").get("tag").asText()))
                    .doesNotContain(gone, "phi3:14b");
        }
    }

    private static JsonNode model(JsonNode models, String tag) {
        for (JsonNode m : models) {
            if (m.get("tag").asText().equals(tag)) {
                return m;
            }
        }
        throw new AssertionError(tag + " not in " + models);
    }
}
