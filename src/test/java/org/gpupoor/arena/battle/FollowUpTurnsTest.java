package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.ModelScript;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * "Now make it shorter": after both answers the voter asks a follow-up, which both models answer
 * with the conversation so far, and the vote covers the whole conversation.
 */
class FollowUpTurnsTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    private ModelScript llama;
    private ModelScript other;

    private void twoModels() {
        arena.model("llama3.2:1b", "1.2B", "Llama 3.2 (1B)", s -> llama = s.answers("Blue", " light."));
        arena.model("other:1b", "1.0B", "Other (1B)", s -> other = s.answers("Rayleigh", " scattering."));
        arena.start();
    }

    private String battle(Api api, String prompt) {
        String id = api.post("/api/battles", "{\"prompt\": \"" + prompt + "\"}")
                .json()
                .get("id")
                .asText();
        assertThat(Api.endStatus(api.events(id))).isEqualTo("ready");
        return id;
    }

    /**
     * Every event of the battle so far, every turn's: the test client stops at each {@code end},
     * so it resumes after each until the server repeats the last.
     */
    private static List<Api.Event> allEvents(Api api, String id) {
        List<Api.Event> all = new ArrayList<>(api.events(id));
        while (true) {
            String last = all.get(all.size() - 1).id();
            List<Api.Event> more = api.events(id, last, Duration.ofSeconds(30));
            if (more.get(more.size() - 1).id().equals(last)) {
                return all;
            }
            all.addAll(more);
        }
    }

    /** Asks a follow-up and reads the events of that turn to its end; returns them. */
    private static List<Api.Event> followUp(Api api, String id, String prompt, int expectedTurn) {
        List<Api.Event> before = allEvents(api, id);
        Api.Response asked = api.post("/api/battles/" + id + "/turns", "{\"prompt\": \"" + prompt + "\"}");
        assertThat(asked.status()).as(asked.text()).isEqualTo(202);
        assertThat(asked.json().get("turn").asInt()).isEqualTo(expectedTurn);
        return api.events(id, before.get(before.size() - 1).id(), Duration.ofSeconds(30));
    }

    @Test
    void a_follow_up_goes_to_both_models_with_the_conversation_and_the_vote_covers_it_all() throws Exception {
        twoModels();
        Api api = arena.api();
        String id = battle(api, "Why is the sky blue?");
        int chatsBefore = arena.ollama().requests("/api/chat").size();

        List<Api.Event> turn2 = followUp(api, id, "Shorter, please.", 2);
        assertThat(turn2.get(0).name()).isEqualTo("turn");
        assertThat(turn2.get(0).data().get("turn").asInt()).isEqualTo(2);
        assertThat(turn2.get(0).data().get("prompt").asText()).isEqualTo("Shorter, please.");
        assertThat(Api.endStatus(turn2)).isEqualTo("ready");

        List<FakeOllama.Request> chats = arena.ollama().requests("/api/chat");
        assertThat(chats).hasSize(chatsBefore + 2);
        for (FakeOllama.Request chat : chats.subList(chatsBefore, chats.size())) {
            JsonNode messages = chat.body().get("messages");
            String own = chat.body().get("model").asText().startsWith("llama") ? "Blue light." : "Rayleigh scattering.";
            assertThat(roles(messages)).containsExactly("user", "assistant", "user");
            assertThat(messages.get(0).get("content").asText()).isEqualTo("Why is the sky blue?");
            assertThat(messages.get(1).get("content").asText())
                    .as("each model sees its own answer, never the other's")
                    .isEqualTo(own);
            assertThat(messages.get(2).get("content").asText()).isEqualTo("Shorter, please.");
        }

        JsonNode shown = api.get("/api/battles/" + id).json();
        assertThat(shown.get("status").asText()).isEqualTo("ready");
        assertThat(shown.get("prompt").asText())
                .as("the top-level fields stay the first turn's")
                .isEqualTo("Why is the sky blue?");
        assertThat(shown.get("turns")).hasSize(2);
        assertThat(shown.get("turns").get(1).get("prompt").asText()).isEqualTo("Shorter, please.");
        assertThat(shown.get("turns")
                        .get(1)
                        .get("answers")
                        .get("a")
                        .get("state")
                        .asText())
                .isEqualTo("done");
        assertThat(shown.toString()).doesNotContain("llama", "Llama", "other:1b");

        assertThat(api.post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                        .status())
                .isEqualTo(200);
        String export = api.get("/api/battles/export?format=jsonl").text();
        JsonNode line = new ObjectMapper().readTree(export.lines().findFirst().orElseThrow());
        assertThat(line.get("turn").asInt()).isEqualTo(2);
        assertThat(roles(line.get("conversation_a"))).containsExactly("user", "assistant", "user", "assistant");
        assertThat(line.get("conversation_b").get(2).get("content").asText()).isEqualTo("Shorter, please.");
        String csv = api.get("/api/battles/export?format=csv").text();
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains(",2,");
        Poll.until("the battle counted as multi-turn", Duration.ofSeconds(20), () -> {
            for (JsonNode c : api.get("/api/categories").json().get("categories")) {
                if (c.get("name").asText().equals("multi_turn")) {
                    return c.get("battles").asLong() == 1;
                }
            }
            return false;
        });
        assertThat(api.get("/api/leaderboard/bt?category=multi_turn")
                        .json()
                        .get("battles")
                        .asLong())
                .isEqualTo(1);

        arena.restart();
        JsonNode restored = arena.api().get("/api/battles/" + id).json();
        assertThat(restored.get("turns")).hasSize(2);
        assertThat(restored.get("turns")
                        .get(1)
                        .get("answers")
                        .get("b")
                        .get("text")
                        .asText())
                .isNotEmpty();
        List<Api.Event> replay = allEvents(arena.api(), id);
        assertThat(replay.stream().filter(e -> e.name().equals("turn")).count())
                .as("a late client replays every turn")
                .isEqualTo(1);
    }

    @Test
    void follow_ups_stop_at_max_turns_and_are_refused_while_generating_or_once_voted() throws Exception {
        twoModels();
        Api api = arena.api();
        String id = battle(api, "Why is the sky blue?");
        assertThat(api.post("/api/battles/" + id + "/turns", "{\"prompt\": \"  \"}")
                        .status())
                .isEqualTo(400);
        followUp(api, id, "Shorter.", 2);
        followUp(api, id, "Even shorter.", 3);
        Api.Response refused = api.post("/api/battles/" + id + "/turns", "{\"prompt\": \"Once more.\"}");
        assertThat(refused.status())
                .as(refused.text() + api.get("/api/battles/" + id).text())
                .isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("max_turns");

        String slow = battle(api, "Hello?");
        llama.pausesAfter(1);
        api.post("/api/battles/" + slow + "/turns", "{\"prompt\": \"And?\"}");
        Api.Response busy = api.post("/api/battles/" + slow + "/turns", "{\"prompt\": \"And?\"}");
        assertThat(busy.json().get("error").asText()).isEqualTo("not_ready");
        Api.Response early = api.post("/api/battles/" + slow + "/vote", "{\"winner\": \"a\"}");
        assertThat(early.json().get("error").asText()).isEqualTo("not_ready");
        llama.resume();

        api.post("/api/battles/" + id + "/vote", "{\"winner\": \"tie\"}");
        Api.Response voted = api.post("/api/battles/" + id + "/turns", "{\"prompt\": \"More?\"}");
        assertThat(voted.status()).isEqualTo(409);
        assertThat(voted.json().get("error").asText()).isEqualTo("already_voted");
    }

    @Test
    void a_side_failing_at_turn_two_makes_the_battle_unvotable() throws Exception {
        twoModels();
        Api api = arena.api();
        String id = battle(api, "Why is the sky blue?");
        other.failsWith(500, "model runner crashed");
        assertThat(Api.endStatus(followUp(api, id, "Shorter.", 2))).isEqualTo("failed");
        assertThat(api.get("/api/battles/" + id).json().get("status").asText()).isEqualTo("failed");
        Api.Response vote = api.post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}");
        assertThat(vote.status()).isEqualTo(409);
        assertThat(vote.json().get("error").asText()).isEqualTo("battle_failed");
    }

    @Test
    void an_answer_naming_its_model_at_turn_two_flags_the_battle() throws Exception {
        twoModels();
        Api api = arena.api();
        String id = battle(api, "Why is the sky blue?");
        llama.answers("I", " am", " Llama,", " made", " by", " Meta.");
        followUp(api, id, "Who are you?", 2);
        JsonNode vote =
                api.post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}").json();
        assertThat(vote.get("counted").asBoolean()).isFalse();
        assertThat(vote.get("not_counted_because").asText()).contains("\"Llama\"");
        assertThat(api.get("/api/battles/" + id).json().get("identity_giveaway").asText())
                .isEqualTo("Llama");
    }

    @Test
    void on_the_page_the_voter_asks_a_follow_up_and_then_votes() throws Exception {
        twoModels();
        browser.open("");
        browser.typePrompt("Why is the sky blue?");
        browser.click("generate");
        browser.await(d -> d.findElement(By.id("follow-up")).isDisplayed());
        browser.await(d -> d.findElement(By.id("vote-a")).isEnabled());
        browser.byId("follow-up-prompt").sendKeys("Shorter, please.");
        browser.click("ask-follow-up");
        browser.await(d -> d.findElements(By.cssSelector("#pane-a .turn")).size() == 1);
        browser.await(d -> d.findElement(By.id("vote-a")).isEnabled());
        assertThat(browser.byId("pane-b").getText())
                .as("the first turn above, the follow-up below")
                .contains("You: Why is the sky blue?", "You: Shorter, please.");
        assertThat(browser.byId("answer-b").getText()).isNotEmpty();
        assertThat(browser.byId("follow-up").isDisplayed())
                .as("one more follow-up is allowed")
                .isTrue();
        browser.screenshot("follow-up-desktop");
        browser.click("vote-b");
        browser.await(d -> d.findElement(By.id("result")).isDisplayed());
        assertThat(browser.byId("follow-up").isDisplayed())
                .as("no follow-up once voted")
                .isFalse();
        String id = ((String) browser.js("return location.hash")).substring("#battle=".length());
        JsonNode voted = arena.api().get("/api/battles/" + id).json();
        assertThat(voted.get("winner").asText()).isEqualTo("b");
        assertThat(voted.get("turns")).hasSize(2);
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.get("role").asText()));
        return roles;
    }
}
