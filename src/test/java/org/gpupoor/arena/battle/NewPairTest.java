package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * "I'd rather see other models on this": before voting, a voter asks for a new pair on the same
 * prompt. The battle passed over closes uncounted and never names its models; the new one is a
 * different pair and is voted as any other.
 */
class NewPairTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    private void threeModels() {
        arena.model("one:1b", "1.0B", "One (1B)", s -> s.answers("First", " answer."));
        arena.model("two:1b", "1.0B", "Two (1B)", s -> s.answers("Second", " answer."));
        arena.model("three:1b", "1.0B", "Three (1B)", s -> s.answers("Third", " answer."));
        arena.start();
    }

    @Test
    void the_battle_passed_over_closes_uncounted_and_the_new_pair_differs() throws Exception {
        threeModels();
        Api api = arena.api();
        for (int i = 0; i < 6; i++) {
            String old = api.post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                    .json()
                    .get("id")
                    .asText();
            assertThat(Api.endStatus(api.events(old))).isEqualTo("ready");
            Set<String> before = answers(api.get("/api/battles/" + old).json());

            Api.Response fresh = api.post("/api/battles/" + old + "/new-pair", "");
            assertThat(fresh.status()).isEqualTo(201);
            String id = fresh.json().get("id").asText();
            assertThat(Api.endStatus(api.events(id))).isEqualTo("ready");
            JsonNode next = api.get("/api/battles/" + id).json();
            assertThat(next.get("prompt").asText()).isEqualTo("Why is the sky blue?");
            assertThat(answers(next))
                    .as("a new pair, never the same two models")
                    .isNotEqualTo(before);

            JsonNode skipped = api.get("/api/battles/" + old).json();
            assertThat(skipped.get("status").asText()).isEqualTo("skipped");
            assertThat(skipped.has("models"))
                    .as("a battle passed over never names its models")
                    .isFalse();
            Api.Response vote = api.post("/api/battles/" + old + "/vote", "{\"winner\": \"a\"}");
            assertThat(vote.status()).isEqualTo(409);
            assertThat(vote.json().get("error").asText()).isEqualTo("skipped");
            assertThat(api.post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                            .status())
                    .isEqualTo(200);
            assertThat(api.post("/api/battles/" + id + "/new-pair", "")
                            .json()
                            .get("error")
                            .asText())
                    .isEqualTo("already_voted");
        }
        Poll.until(
                "the boards count only the 6 votes",
                Duration.ofSeconds(20),
                () -> api.get("/api/leaderboard/bt").json().get("battles").asLong() == 6);
        assertThat(api.get("/api/battles/export").text().lines().count()).isEqualTo(6);
    }

    @Test
    void with_two_models_there_is_no_other_pair_to_ask() throws Exception {
        arena.model("one:1b", "1.0B", "One (1B)", s -> s.answers("First", " answer."));
        arena.model("two:1b", "1.0B", "Two (1B)", s -> s.answers("Second", " answer."));
        arena.start();
        Api api = arena.api();
        String id = api.post("/api/battles", "{\"prompt\": \"Hi\"}")
                .json()
                .get("id")
                .asText();
        Api.endStatus(api.events(id));
        Api.Response refused = api.post("/api/battles/" + id + "/new-pair", "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("no_other_pair");
        assertThat(api.get("/api/battles/" + id).json().get("status").asText())
                .as("a refused request changes nothing")
                .isEqualTo("ready");
    }

    @Test
    void on_the_page_the_voter_asks_for_a_new_pair_and_votes_on_it() throws Exception {
        threeModels();
        browser.open("");
        browser.typePrompt("Why is the sky blue?");
        browser.click("generate");
        browser.await(d -> d.findElement(By.id("new-pair")).isDisplayed());
        String first = browser.await(d -> {
            String hash = (String) browser.js("return location.hash");
            return hash.startsWith("#battle=") ? hash : null;
        });
        browser.await(d -> d.findElement(By.id("vote-a")).isEnabled());
        browser.click("new-pair");
        String second = browser.await(d -> {
            String hash = (String) browser.js("return location.hash");
            return hash.startsWith("#battle=") && !hash.equals(first) ? hash : null;
        });
        browser.await(d -> d.findElement(By.id("vote-a")).isEnabled());
        assertThat(browser.value("prompt")).isEqualTo("Why is the sky blue?");
        browser.click("vote-b");
        browser.await(d -> d.findElement(By.id("result")).isDisplayed());
        assertThat(browser.byId("new-pair").isDisplayed())
                .as("no new pair once voted")
                .isFalse();
        JsonNode old = arena.api()
                .get("/api/battles/" + first.substring("#battle=".length()))
                .json();
        assertThat(old.get("status").asText()).isEqualTo("skipped");
        JsonNode voted = arena.api()
                .get("/api/battles/" + second.substring("#battle=".length()))
                .json();
        assertThat(voted.get("winner").asText()).isEqualTo("b");
    }

    /** Which answers a battle has: each model answers its own words, so this names its pair. */
    private static Set<String> answers(JsonNode battle) {
        Set<String> texts = new HashSet<>();
        texts.add(battle.get("answers").get("a").get("text").asText());
        texts.add(battle.get("answers").get("b").get("text").asText());
        return texts;
    }
}
