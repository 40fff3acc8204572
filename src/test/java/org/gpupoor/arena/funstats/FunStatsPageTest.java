package org.gpupoor.arena.funstats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The "🎉 Fun stats" tab on a light desktop and a dark phone: the planted log's stats by name, and a fresh arena's empty state. */
class FunStatsPageTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    @Test
    void the_tab_shows_every_stat_with_the_models_display_names() throws Exception {
        arena.start(PlantedStats.plant(arena));
        PlantedStats.awaitSettled(arena.api());
        for (String device : List.of("desktop", "phone")) {
            device(device);
            browser.open("");
            browser.click("tab-stats");
            awaitCards();
            assertThat(browser.text("stats-status")).contains("39 counted battles");
            assertThat(card("fastest")).contains("Bee (3B)", "45.0 tokens/s");
            assertThat(card("longest_answers")).contains("Ace (7B)", "600 tokens");
            assertThat(card("most_lopsided")).contains("Ace (7B) vs Cat (1B)", "90% of 10 battles");
            assertThat(card("biggest_upset")).contains("Cat (1B) beat Ace (7B)", "rating points");
            assertThat(card("closest_rivalry")).contains("Bee (3B) vs Cat (1B)", "50% – 50%", "over 6 battles");
            assertThat(card("busiest_hour")).contains("14:00–15:00 UTC", "12 of 39 counted votes");
            assertThat(card("top_category")).contains("coding", "26 of 39");
            assertThat(browser.text("panel-stats")).doesNotContain("Hidden (1B)", "hid:1b", "Not enough");
            assertThat(browser.driver().getCurrentUrl()).endsWith("#stats");
            fitsThePhone(device);
            browser.screenshot("fun-stats-" + device);
            if (device.equals("phone")) {
                browser.js("document.querySelector('[data-key=closest_rivalry]').scrollIntoView()");
                browser.screenshot("fun-stats-phone-scrolled");
            }
        }
    }

    @Test
    void a_fresh_arena_says_the_stats_need_battles() {
        arena.model("one:1b", "1.0B", "One (1B)").model("two:1b", "1.0B", "Two (1B)");
        arena.start();
        for (String device : List.of("desktop", "phone")) {
            device(device);
            browser.open("#stats");
            awaitCards();
            assertThat(browser.text("stats-status")).contains("No counted battles yet");
            List<WebElement> cards = browser.driver().findElements(By.cssSelector("#stats-list .stat-card"));
            assertThat(cards).hasSize(7);
            assertThat(cards).allSatisfy(c -> assertThat(c.getText()).contains("Not enough battles yet"));
            fitsThePhone(device);
            browser.screenshot("fun-stats-" + device + "-empty");
        }
    }

    void device(String device) {
        browser.colorScheme(device.equals("phone") ? "dark" : "light");
        if (device.equals("phone")) {
            browser.size(375, 800);
        } else {
            browser.size(1280, 900);
        }
    }

    void awaitCards() {
        browser.await(
                d -> d.findElements(By.cssSelector("#stats-list .stat-card")).size() == 7);
    }

    String card(String key) {
        return browser.driver()
                .findElement(By.cssSelector("#stats-list .stat-card[data-key=" + key + "]"))
                .getText();
    }

    void fitsThePhone(String device) {
        if (device.equals("phone")) {
            assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("the page is no wider than the phone")
                    .isEqualTo(true);
        }
    }
}
