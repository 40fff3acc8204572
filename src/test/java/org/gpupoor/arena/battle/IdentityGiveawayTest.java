package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.gpupoor.arena.config.ArenaConfig;
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
                .model("llama3.2:1b", "Llama 3.2 (1B)", null).model("other:1b", "Other (1B)", null).build();
        try (TestArena arena = TestArena.start(dir, config)) {
            String id = arena.api.post("/api/battles", "{\"prompt\": \"Who are you?\"}").json().get("id").asText();
            List<Api.Event> events = arena.api.events(id);
            assertThat(events.get(events.size() - 1).data().get("status").asText()).isEqualTo("ready");
            assertThat(events.toString() + arena.api.get("/api/battles/" + id).text()).doesNotContain("giveaway", "counted");

            JsonNode vote = arena.api.post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}").json();
            assertThat(vote.get("counted").asBoolean()).isFalse();
            assertThat(vote.get("not_counted_because").asText()).contains("\"Llama\"");
            assertThat(vote.get("standings").isNull()).isTrue();
            assertThat(arena.api.get("/api/battles/" + id).json().get("identity_giveaway").asText()).isEqualTo("Llama");
            assertThat(arena.api.get("/api/leaderboard").json().get("rows"))
                    .allSatisfy(row -> assertThat(row.get("battles").asInt()).isZero());
        }
        try (TestArena restarted = TestArena.start(dir, config)) {
            assertThat(restarted.api.get("/api/leaderboard").json().get("rows"))
                    .allSatisfy(row -> assertThat(row.get("battles").asInt()).isZero());
        }
        ArenaConfig counting = TestArena.config(ollama.url(), dir).countIdentityLeaks()
                .model("llama3.2:1b", "Llama 3.2 (1B)", null).model("other:1b", "Other (1B)", null).build();
        try (TestArena arena = TestArena.start(dir, counting)) {
            assertThat(arena.api.get("/api/leaderboard").json().get("rows"))
                    .allSatisfy(row -> assertThat(row.get("battles").asInt()).isEqualTo(1));
        }
    }

    @Test
    void a_name_the_prompt_asked_about_is_no_giveaway() {
        IdentityCheck check = new IdentityCheck(ArenaConfig.DEFAULT_IDENTITY_WORDS);
        assertThat(check.giveaway("What does Meta sell?", "Meta sells ads.", "Ads, mostly.")).isEmpty();
        assertThat(check.giveaway("Hi", "As Qwen, created by Alibaba Cloud, I can help.", "Hello.")).contains("Qwen");
        assertThat(check.giveaway("Explain the golden ratio", "It is phi, about 1.618; a meta-analysis agrees.", "1.618"))
                .isEmpty();
        assertThat(check.giveaway("Hi", "Hello!", "I was trained by Google.")).contains("Google");
    }
}
