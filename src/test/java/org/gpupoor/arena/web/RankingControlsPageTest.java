package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.SideRecord;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.OfflineBoards;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Ranking's "Prompts" picker and "Hold equal" switch as a voter meets them on a young, busy
 * arena: 16 models that differ in speed, answer length and markdown, 300 votes on code, math and
 * poems in English and French. Photographed on a light desktop and a dark phone.
 */
class RankingControlsPageTest {
    static final String[] PROMPTS = {
        "Write a Python function that checks whether a string is a palindrome.",
        "Explain recursion with a short JavaScript example.",
        "Solve for x: 3x + 7 = 22, and show each step.",
        "What is the derivative of x^2 * sin(x)?",
        "Write a short poem about the sea at night.",
        "Write a haiku about autumn leaves falling on a quiet street.",
        "Écris une fonction Python qui trie une liste de nombres sans utiliser sorted.",
        "Écris un poème sur la mer et les étoiles du soir, avec des rimes.",
        "Combien font 12 × 17 ? Explique le calcul étape par étape, s'il te plaît.",
    };

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    /**
     * 300 voted battles between the 16 models of the busy arena (the last never battles): earlier
     * models are stronger, some write long answers full of headers and lists, speeds run from 4 to
     * 90 tokens/s, and voters lean a little towards the longer answer.
     */
    void plantedArena() throws Exception {
        String[][] models = BoardsLayoutPageTest.BUSY;
        var built = BoardsLayoutPageTest.busyModels(arena);
        Random random = new Random(16);
        try (OfflineBoards offline = new OfflineBoards(arena.dir(), built)) {
            for (int i = 0; i < 300; i++) {
                int a = random.nextInt(15);
                int b = (a + 1 + random.nextInt(14)) % 15;
                SideRecord sideA = answer(random, a);
                SideRecord sideB = answer(random, b);
                double edge = (b - a) * 0.12
                        + 0.8
                                * (sideA.evalCount() - sideB.evalCount())
                                / (double) (sideA.evalCount() + sideB.evalCount());
                double roll = random.nextDouble();
                Outcome outcome = roll < 0.06
                        ? Outcome.BOTH_BAD
                        : roll < 0.14
                                ? Outcome.TIE
                                : random.nextDouble() < 1 / (1 + Math.exp(-edge)) ? Outcome.A : Outcome.B;
                offline.vote(
                        models[a][0], models[b][0], outcome, PROMPTS[random.nextInt(PROMPTS.length)], sideA, sideB);
            }
        }
        arena.start(built);
        Poll.until(
                "the log classified and the boards fitted",
                Duration.ofSeconds(60),
                () -> arena.api()
                                        .get("/api/categories")
                                        .json()
                                        .get("unclassified")
                                        .asLong()
                                == 0
                        && arena.api()
                                        .get("/api/leaderboard/bt")
                                        .json()
                                        .get("battles")
                                        .asLong()
                                == 300
                        && arena.api()
                                        .get("/api/leaderboard/bt?control=style")
                                        .json()
                                        .get("battles")
                                        .asLong()
                                == 300);
    }

    static SideRecord answer(Random random, int model) {
        int tokens = (model % 4 == 0 ? 500 : model % 4 == 1 ? 120 : 260) + random.nextInt(200);
        // Some models lean on markdown, each kind drawn on its own so the fit can tell them apart.
        double lean = model % 3 == 0 ? 0.8 : 0.2;
        String markdown = (random.nextDouble() < lean ? "## Steps\n" : "")
                + "- item\n".repeat(random.nextDouble() < lean ? 1 + random.nextInt(5) : 0)
                + (random.nextDouble() < lean ? "**Note:** " : "");
        double tps = 4 + (model * 37 % 15) * 6 + random.nextDouble() * 3;
        return new SideRecord(markdown + "An answer.", tokens, tps, 150L + model * 40L, 8000L, "stop", null, 0L);
    }

    /** A fresh page, whatever the last one chose: from one fragment to another the browser would not reload. */
    void open(String fragment) {
        browser.driver().get("about:blank");
        browser.driver().get(arena.url() + "/" + fragment);
        browser.await(d -> d.findElement(By.id("arena-name")).getText().equals("Test Arena"));
    }

    @Test
    void holding_style_or_speed_equal_shows_the_shift_and_the_price_in_plain_words_on_desktop_and_phone()
            throws Exception {
        plantedArena();
        for (String device : List.of("desktop", "phone")) {
            browser.colorScheme(device.equals("phone") ? "dark" : "light");
            if (device.equals("phone")) {
                browser.size(375, 800);
            } else {
                browser.size(1280, 900);
            }
            open("#bt");
            awaitStatus("300");
            assertThat(headers("bt")).contains("Rating", "Swaps if", "Both bad").doesNotContain("Raw", "Shift");
            assertThat(browser.driver().findElement(By.id("bt-coefficients")).isDisplayed())
                    .isFalse();
            assertThat(hint("bt", "flip_votes")).contains("votes");
            assertThat(hint("bt", "both_bad_rate")).contains("both are bad");
            fitsThePhone(device);
            browser.screenshot("ranking-" + device + "-nothing");

            control("style");
            awaitStatus("length and markdown");
            assertThat(headers("bt")).contains("Rating", "Shift").doesNotContain("Swaps if");
            String prices = awaitPrices();
            assertThat(prices).contains("twice the other's", "length", "headers", "list items", "bold text");
            assertThat(prices.lines().filter(l -> l.contains("no clear effect")))
                    .as("a young log is honest about prices it cannot pin down")
                    .isNotEmpty();
            assertThat(shifts()).allMatch(s -> s.matches("[+−]\\d+|±0|–"));
            fitsThePhone(device);
            browser.screenshot("ranking-" + device + "-style");

            control("speed");
            awaitStatus("speed");
            assertThat(awaitPrices()).contains("tokens per second", "first token");
            fitsThePhone(device);
            browser.screenshot("ranking-" + device + "-speed");

            new Select(browser.driver().findElement(By.id("bt-category"))).selectByValue("french");
            awaitStatus("French");
            fitsThePhone(device);
            browser.screenshot("ranking-" + device + "-speed-french");

            control("");
            awaitStatus("French");
            // The status said French before too: wait for the redraw without the control's column.
            browser.await(d -> !headers("bt").contains("Shift"));
            browser.driver().findElement(By.id("tab-leaderboard")).click();
            browser.await(d -> !d.findElements(By.cssSelector("#leaderboard-table tbody tr[data-model]"))
                    .isEmpty());
            assertThat(new Select(browser.driver().findElement(By.id("leaderboard-category")))
                            .getFirstSelectedOption()
                            .getText())
                    .startsWith("French");
            fitsThePhone(device);
            browser.screenshot("leaderboard-" + device + "-french");
        }
    }

    @Test
    void a_category_without_battles_says_so_and_the_filters_work_from_the_keyboard() throws Exception {
        plantedArena();
        open("#bt");
        awaitStatus("300");
        WebElement nothing = browser.driver().findElement(By.cssSelector("input[name=bt-control][value='']"));
        nothing.click();
        browser.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        awaitStatus("length and markdown");
        assertThat(browser.js("return document.activeElement.value")).isEqualTo("style");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        awaitStatus("speed held equal");
        browser.driver().switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("bt-category");

        new Select(browser.driver().findElement(By.id("bt-category"))).selectByValue("hard_prompt");
        awaitStatus("No battles in this category yet");
        assertThat(browser.driver().findElement(By.id("bt-coefficients")).isDisplayed())
                .isFalse();
        assertThat(browser.driver().findElement(By.id("bt-table")).getText())
                .contains("No battles in this category yet")
                .doesNotContain("unranked");
        browser.screenshot("ranking-desktop-empty-category");
        browser.driver().findElement(By.id("tab-leaderboard")).click();
        browser.await(
                d -> d.findElement(By.id("leaderboard-table")).getText().contains("No battles in this category yet"));
    }

    void control(String value) {
        browser.driver()
                .findElement(By.cssSelector("input[name=bt-control][value='" + value + "']"))
                .click();
    }

    void awaitStatus(String text) {
        browser.await(d -> d.findElement(By.id("bt-status")).getText().contains(text));
    }

    String awaitPrices() {
        return browser.await(d -> {
            WebElement list = d.findElement(By.id("bt-coefficients"));
            return list.isDisplayed() && !list.getText().isEmpty() ? list.getText() : null;
        });
    }

    void fitsThePhone(String device) {
        if (device.equals("phone")) {
            assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("the page is no wider than the phone")
                    .isEqualTo(true);
        }
    }

    List<String> headers(String board) {
        return browser.driver().findElements(By.cssSelector("#" + board + "-table th")).stream()
                .map(th -> th.getAttribute("textContent").trim())
                .toList();
    }

    String hint(String board, String key) {
        return browser.driver()
                .findElement(By.cssSelector("#" + board + "-table th button[data-key=" + key + "]"))
                .getAttribute("title");
    }

    @SuppressWarnings("unchecked")
    List<String> shifts() {
        return (List<String>)
                browser.js(
                        "const i = [...document.querySelectorAll('#bt-table th button')]"
                                + ".findIndex(b => b.dataset.key === 'shift');"
                                + "return [...document.querySelectorAll('#bt-table tbody tr')].map(tr => tr.children[i].textContent.trim())");
    }
}
