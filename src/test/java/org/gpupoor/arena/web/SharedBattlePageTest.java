package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.DemoArena;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A voter votes, takes the share link the result offers, and someone else (a browser of their own,
 * no cookies) opens it: the prompt, both answers drawn as markdown, both names and the vote, with
 * no serious accessibility finding, on a light desktop and a dark phone.
 */
class SharedBattlePageTest {
    static final String PROMPT = "Why is the sky blue? Answer <b>briefly</b> & \"clearly\".";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension voter = new BrowserExtension(arena);

    /** Someone the voter sent the link to: another profile, so none of the voter's cookies. */
    @RegisterExtension
    final BrowserExtension friend = new BrowserExtension();

    @BeforeEach
    void start() {
        DemoArena.script(arena.ollama());
        arena.start(c -> c.model("llama3.2:1b", "Llama 3.2 (1B)", null).model("qwen2.5:3b", "Qwen 2.5 (3B)", null));
    }

    @Test
    void a_friend_opens_the_link_in_a_fresh_browser_and_sees_the_whole_battle() {
        String link = voteAndTakeTheLink("light", 1280, 900, "shared-vote-desktop");
        assertThat(voter.driver().manage().getCookieNamed("arena_voter")).isNotNull();

        List<String> found = new ArrayList<>();
        friend.colorScheme("light");
        friend.size(1280, 900);
        friend.driver().get(link);
        awaitMarkdown();
        assertThat(friend.driver().manage().getCookies()).isEmpty();
        String a = friend.text("label-a");
        String b = friend.text("label-b");
        assertThat(List.of(a, b))
                .anySatisfy(l -> assertThat(l).contains("Llama 3.2 (1B)"))
                .anySatisfy(l -> assertThat(l).contains("Qwen 2.5 (3B)"));
        assertThat(friend.driver().getTitle()).contains(" vs ", "which answered better?");
        assertThat(friend.text("prompt-heading")).isEqualTo("The prompt");
        assertThat(friend.driver()
                        .findElement(By.cssSelector(".shared-prompt p"))
                        .getText())
                .isEqualTo(PROMPT);
        String answers = friend.text("answer-a") + "\n" + friend.text("answer-b");
        assertThat(answers).contains("Rayleigh scattering", "Short answer: scattering");
        assertThat(friend.driver().findElements(By.cssSelector(".answer strong")))
                .isNotEmpty();
        assertThat(friend.driver().findElements(By.cssSelector(".answer table")))
                .isNotEmpty();
        assertThat(friend.text("verdict")).startsWith("The voter preferred " + a.substring("Model A: ".length()));
        assertThat(friend.driver()
                        .findElement(By.cssSelector("article.pane.winner"))
                        .getText())
                .contains("The voter's choice");
        found.addAll(AccessibilityTest.violations(friend, "shared page, light desktop"));
        friend.screenshot("shared-desktop");

        friend.colorScheme("dark");
        friend.size(375, 800);
        friend.driver().navigate().refresh();
        awaitMarkdown();
        found.addAll(AccessibilityTest.violations(friend, "shared page, dark phone"));
        friend.screenshot("shared-phone");

        friend.driver().get(arena.url() + "/shared/" + "0".repeat(32));
        assertThat(friend.driver().findElement(By.tagName("h1")).getText()).isEqualTo("This battle is not shared");
        found.addAll(AccessibilityTest.violations(friend, "missing page, dark phone"));
        friend.screenshot("shared-missing-phone");
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    /** Battles, votes for A and returns the absolute address of the share link the result shows. */
    private String voteAndTakeTheLink(String scheme, int width, int height, String screenshot) {
        voter.colorScheme(scheme);
        voter.size(width, height);
        voter.open("");
        voter.typePrompt(PROMPT);
        voter.await(d -> d.findElement(By.id("vote-a")).isEnabled());
        voter.click("vote-a");
        voter.await(d -> d.findElement(By.id("result")).isDisplayed());
        voter.await(d -> !d.findElements(By.id("share-link")).isEmpty());
        assertThat(AccessibilityTest.violations(voter, "result with the share link"))
                .isEmpty();
        voter.js("arguments[0].scrollIntoView({block: 'center'})", voter.byId("result"));
        voter.screenshot(screenshot);
        return voter.byId("share-link").getDomProperty("href");
    }

    /** shared.js has drawn both answers as markdown over the server's escaped text. */
    private void awaitMarkdown() {
        friend.await(d -> d.findElements(By.cssSelector(".answer.plain-text")).isEmpty()
                && !d.findElements(By.cssSelector(".answer p")).isEmpty());
    }
}
