package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.ModelEntry;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An answer that names its author keeps the battle votable but, by default, off the boards. */
class IdentityGiveawayTest {
    @TempDir
    Path dir;

    FakeOllama ollama;

    @BeforeEach
    void start() throws Exception {
        ollama = new FakeOllama();
        ollama.model("llama3.2:1b", "1.2B").answers("I", " am", " Llama,", " made", " by", " Meta.");
        ollama.model("other:1b", "1.0B").answers("Hello", " there.");
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void a_self_naming_answer_is_votable_but_not_counted_and_says_so_only_after_the_vote() {
        ArenaConfig config = TestArena.config(ollama.url(), dir)
                .model("llama3.2:1b", "Llama 3.2 (1B)", null)
                .model("other:1b", "Other (1B)", null)
                .build();
        try (TestArena arena = TestArena.start(dir, config)) {
            String id = arena.api
                    .post("/api/battles", "{\"prompt\": \"Who are you?\"}")
                    .json()
                    .get("id")
                    .asText();
            List<Api.Event> events = arena.api.events(id);
            assertThat(Api.endStatus(events)).isEqualTo("ready");
            assertThat(events.toString() + arena.api.get("/api/battles/" + id).text())
                    .doesNotContain("giveaway", "counted");

            JsonNode vote = arena.api
                    .post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                    .json();
            assertThat(vote.get("counted").asBoolean()).isFalse();
            assertThat(vote.get("not_counted_because").asText()).contains("\"Llama\"");
            assertThat(vote.get("standings").isNull()).isTrue();
            assertThat(arena.api
                            .get("/api/battles/" + id)
                            .json()
                            .get("identity_giveaway")
                            .asText())
                    .isEqualTo("Llama");
            assertThat(arena.api.get("/api/leaderboard").json().get("rows"))
                    .allSatisfy(row -> assertThat(row.get("battles").asInt()).isZero());
        }
        try (TestArena restarted = TestArena.start(dir, config)) {
            assertThat(restarted.api.get("/api/leaderboard").json().get("rows"))
                    .allSatisfy(row -> assertThat(row.get("battles").asInt()).isZero());
        }
        ArenaConfig counting = TestArena.config(ollama.url(), dir)
                .countIdentityLeaks()
                .model("llama3.2:1b", "Llama 3.2 (1B)", null)
                .model("other:1b", "Other (1B)", null)
                .build();
        try (TestArena arena = TestArena.start(dir, counting)) {
            assertThat(arena.api.get("/api/leaderboard").json().get("rows"))
                    .allSatisfy(row -> assertThat(row.get("battles").asInt()).isEqualTo(1));
        }
    }

    @Test
    void only_a_models_own_name_or_maker_gives_it_away_and_not_when_the_prompt_asked_for_it() {
        IdentityCheck llama =
                new IdentityCheck(IdentityWords.of(new ModelEntry("llama3.2:1b", "Llama 3.2 (1B)", null)));
        IdentityCheck qwen =
                new IdentityCheck(IdentityWords.of(new ModelEntry("qwen2.5:3b", "Qwen 2.5 (3B, 4-bit)", null)));
        IdentityCheck phi =
                new IdentityCheck(IdentityWords.of(new ModelEntry("phi3.5:3.8b", "Phi 3.5 Mini (3.8B)", null)));
        assertThat(llama.giveaway("Hi", "I'm Llama, an assistant made by Meta."))
                .contains("Llama");
        assertThat(llama.giveaway("What does Meta sell?", "Meta sells ads.")).isEmpty();
        assertThat(qwen.giveaway("Hi", "As an AI created by Alibaba Cloud, I can help."))
                .contains("Alibaba");
        assertThat(qwen.giveaway("Compare search engines", "Google and Bing both index the web."))
                .isEmpty();
        assertThat(phi.giveaway("Explain the golden ratio", "It is phi, about 1.618; a meta-analysis agrees."))
                .isEmpty();
        assertThat(phi.giveaway("Hi", "Hello! I am Phi, developed by Microsoft."))
                .contains("Phi");
        IdentityCheck custom = new IdentityCheck(IdentityWords.of(
                new ModelEntry("house:7b", "House Model (7B)", null, java.util.List.of("Acme", "Roadrunner"))));
        assertThat(custom.giveaway("Hi", "Roadrunner at your service.")).contains("Roadrunner");
        // A discovered model is named after its family ("Qwen2 0.5B Q8_0"): the family word and its maker count.
        IdentityCheck discovered =
                new IdentityCheck(IdentityWords.of(new ModelEntry("qwen2.5:0.5b", "Qwen2 0.5B Q8_0", null)));
        assertThat(discovered.giveaway("Hi", "I am Qwen, a large language model."))
                .contains("Qwen");
        assertThat(discovered.giveaway("Hi", "I was trained by Alibaba Cloud.")).contains("Alibaba");
    }
}
