package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A voter suggests a model on the Models tab with the keyboard alone: a tag that is not one is
 * refused with the reason next to the field, the corrected one is thanked for and listed.
 * Photographed on a light desktop and a dark phone.
 */
class SuggestionsPageTest {
    @RegisterExtension
    final ArenaExtension arena =
            new ArenaExtension().model("one:1b", "1.0B", "One (1B)").model("two:1b", "1.0B", "Two (1B)");

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    @Test
    void a_voter_sees_a_refused_tag_explained_then_their_suggestion_in_the_list() {
        arena.api().post("/api/suggestions", "{\"tag\": \"phi4-mini:3.8b\", \"reason\": \"Good at maths\"}");
        for (String device : List.of("desktop", "phone")) {
            boolean phone = device.equals("phone");
            browser.colorScheme(phone ? "dark" : "light");
            browser.size(phone ? 375 : 1280, phone ? 800 : 900);
            browser.driver().get("about:blank");
            browser.open("#models");
            browser.await(d -> d.findElement(By.id("suggested-list")).getText().contains("phi4-mini:3.8b"));
            assertThat(browser.text("suggested-list")).contains("1 voter", "Good at maths");

            WebElement tag = browser.byId("suggest-tag");
            tag.sendKeys("qwen 2.5");
            browser.byId("suggest-reason").sendKeys("Strong for its size" + (phone ? " on a phone" : ""), Keys.ENTER);
            browser.await(d -> !d.findElement(By.id("suggest-error")).getText().isEmpty());
            assertThat(browser.text("suggest-error")).contains("\"qwen 2.5\" is not an Ollama tag");
            assertThat(tag.getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.driver().switchTo().activeElement())
                    .as("focus goes to the field to fix")
                    .isEqualTo(tag);
            assertThat(browser.value("suggest-reason"))
                    .as("what was typed stays")
                    .startsWith("Strong for its size");
            assertThat(seriousViolations()).as("axe-core, refused").isEmpty();
            browser.screenshot("suggest-" + device + "-refused");

            tag.clear();
            tag.sendKeys("qwen2.5:3b", Keys.ENTER);
            browser.await(d -> !d.findElement(By.id("suggest-done")).getText().isEmpty());
            assertThat(browser.text("suggest-error")).isEmpty();
            assertThat(tag.getDomAttribute("aria-invalid")).isNull();
            assertThat(browser.text("suggest-done"))
                    .isEqualTo(
                            phone
                                    ? "You had suggested qwen2.5:3b already: it still counts once, with your new reason."
                                    : "Thank you: qwen2.5:3b is suggested by 1 voter now.");
            assertThat(browser.value("suggest-tag"))
                    .as("the form is ready for another")
                    .isEmpty();
            String reason = "Strong for its size" + (phone ? " on a phone" : "");
            browser.await(d -> d.findElement(By.id("suggested-list")).getText().contains(reason));
            assertThat(browser.driver().findElements(By.cssSelector("#suggested-list > li")))
                    .extracting(WebElement::getText)
                    .anySatisfy(li ->
                            assertThat(li).startsWith("qwen2.5:3b 1 voter").contains(reason));
            browser.js("document.getElementById('suggest-title').scrollIntoView()");
            assertThat(seriousViolations()).as("axe-core, listed").isEmpty();
            browser.screenshot("suggest-" + device + "-listed");
        }
    }

    /** axe-core's serious and critical findings on the page as it is (AccessibilityTest checks every tab). */
    private List<Object> seriousViolations() {
        if (!Boolean.TRUE.equals(browser.js("return !!window.axe"))) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(AccessibilityTest.AXE)) {
                browser.js(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object> found = (List<Object>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ["violations"] })
                  .then((r) => done(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
                    .map((v) => v.id + ": " + v.help + " at " + v.nodes.map((n) => n.target.join(" ")).join(", "))))
                  .catch((e) => done(["axe-error: " + e]));
                """);
        return found;
    }
}
