package org.gpupoor.arena.modelcard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * "What was that model, and how do I get it?": once the vote reveals the names, each model's card
 * says what Ollama says of it (family, parameters, quantization, context, license), its file, the
 * line that pulls it, and how it does here.
 */
class ModelCardsTest {
    private static final String LLAMA_LICENSE =
            "\n  LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024\n...";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    @Test
    void a_card_tells_what_ollama_says_of_the_model_and_how_it_does_here() throws Exception {
        arena.model(
                "one:1b",
                "1.0B",
                "One (1B)",
                s -> s.answers("First", " answer.").details("llama", "Q8_0").card(LLAMA_LICENSE, 131072));
        arena.model("two:1b", "1.0B", "Two (1B)", s -> s.answers("Second", " answer."));
        arena.start();
        Api api = arena.api();

        JsonNode card = api.get("/api/models/card?tag=one:1b").json();
        assertThat(card.get("name").asText()).isEqualTo("One (1B)");
        assertThat(card.get("pull").asText()).isEqualTo("ollama pull one:1b");
        JsonNode facts = card.get("facts");
        assertThat(facts.get("family").asText()).isEqualTo("llama");
        assertThat(facts.get("quantization").asText()).isEqualTo("Q8_0");
        assertThat(facts.get("context_length").asInt()).isEqualTo(131072);
        assertThat(facts.get("license").asText())
                .as("the license's title, not its whole text")
                .isEqualTo("LLAMA 3.2 COMMUNITY LICENSE AGREEMENT");
        assertThat(card.get("rating").isNull()).as("no counted battles yet").isTrue();

        String id = api.post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                .json()
                .get("id")
                .asText();
        assertThat(Api.endStatus(api.events(id))).isEqualTo("ready");
        api.post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}");
        Poll.until(
                "the card carries the rating",
                Duration.ofSeconds(20),
                () -> !api.get("/api/models/card?tag=one:1b")
                        .json()
                        .get("rating")
                        .isNull());
        JsonNode rated = api.get("/api/models/card?tag=one:1b").json().get("rating");
        assertThat(rated.get("battles").asLong()).isEqualTo(1);
        assertThat(rated.get("ci_low").asDouble())
                .isLessThanOrEqualTo(rated.get("rating").asDouble());

        assertThat(api.get("/api/models/card?tag=nope:1b").status()).isEqualTo(404);
        assertThat(api.get("/api/models/card").json().get("message").asText()).contains("?tag=");
    }

    @Test
    void after_the_vote_both_cards_appear_under_the_result_on_a_phone_too() throws Exception {
        arena.model(
                "one:1b",
                "1.0B",
                "One (1B)",
                s -> s.answers("First", " answer.").card(LLAMA_LICENSE, 131072));
        arena.model("two:1b", "1.0B", "Two (1B)", s -> s.answers("Second", " answer."));
        arena.start();
        for (int width : List.of(1280, 375)) {
            browser.size(width, 900);
            browser.open("");
            browser.typePrompt("Why is the sky blue?");
            browser.click("generate");
            browser.await(d -> d.findElement(By.id("vote-a")).isEnabled());
            browser.click("vote-a");
            List<WebElement> cards = browser.await(d -> {
                List<WebElement> shown = d.findElements(By.cssSelector("#result .model-card"));
                return shown.size() == 2 && !shown.get(0).getText().isEmpty() ? shown : null;
            });
            String all = cards.get(0).getText() + "\n" + cards.get(1).getText();
            assertThat(all)
                    .contains("One (1B)", "Two (1B)", "ollama pull one:1b", "ollama pull two:1b")
                    .contains("LLAMA 3.2 COMMUNITY LICENSE AGREEMENT", "131,072 tokens");
            assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scroll at %d px", width)
                    .isTrue();
            browser.js("document.querySelector('#result .model-cards').scrollIntoView()");
            browser.screenshot("model-cards-" + width);
        }

        browser.click("tab-models");
        browser.await(d -> d.findElement(By.id("card-shown")).getText().contains("ollama pull"));
        new Select(browser.byId("card-model")).selectByVisibleText("Two (1B)");
        browser.await(d -> d.findElement(By.id("card-shown")).getText().contains("ollama pull two:1b"));
        assertThat(browser.text("card-shown")).contains("Apache License", "8,192 tokens");
    }
}
