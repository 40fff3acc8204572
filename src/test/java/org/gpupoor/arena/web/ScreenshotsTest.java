package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.DemoArena;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Fills an arena with votes, then photographs every tab at desktop and phone width in light and
 * dark, into target/screenshots/, and checks that the charts actually drew data and the boards
 * show each model's speed.
 */
class ScreenshotsTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    @BeforeEach
    void start() throws Exception {
        DemoArena.script(arena.ollama());
        arena.start(c -> c.model("llama3.2:1b", "Llama 3.2 (1B, 8-bit)", null)
                .model("qwen2.5:3b", "Qwen 2.5 (3B, 4-bit)", null)
                .model("gemma2:2b", "Gemma 2 (2B, 4-bit)", null)
                .model("phi3.5:3.8b", "Phi 3.5 Mini (3.8B, 4-bit)", null));
        String[] verdicts = {"a", "b", "a", "tie", "a", "b", "both_bad", "a", "b", "a", "a", "tie"};
        for (String verdict : verdicts) {
            String id = arena.api()
                    .post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                    .json()
                    .get("id")
                    .asText();
            List<Api.Event> events = arena.api().events(id);
            assertThat(Api.endStatus(events)).isEqualTo("ready");
            arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"" + verdict + "\"}");
        }
    }

    @Test
    void every_tab_in_both_themes_at_desktop_and_phone_width_and_the_charts_hold_data() throws Exception {
        for (String scheme : List.of("light", "dark")) {
            for (String device : List.of("desktop", "phone")) {
                browser.colorScheme(scheme);
                if (device.equals("phone")) {
                    browser.size(360, 1500);
                } else {
                    browser.size(1280, 1100);
                }
                browser.open("");
                battleInProgress();
                browser.screenshot("battle-" + device + "-" + scheme);
                browser.click("vote-a");
                browser.await(d -> d.findElement(By.id("result")).isDisplayed());
                browser.screenshot("voted-" + device + "-" + scheme);
                for (String tab : List.of("leaderboard", "elo", "bt", "charts", "models")) {
                    browser.click("tab-" + tab);
                    if (tab.equals("charts")) {
                        awaitCharts(List.of("chart-results", "chart-elo", "chart-speed", "chart-h2h"));
                        Object h2hCells = browser.js(
                                "return echarts.getInstanceByDom(document.getElementById('chart-h2h')).getOption().series[0].data.length");
                        assertThat(((Number) h2hCells).intValue()).isGreaterThanOrEqualTo(6);
                    } else if (tab.equals("models")) {
                        browser.await(d -> d.findElements(By.cssSelector("#models-table tbody tr"))
                                        .size()
                                == 4);
                        assertThat(browser.byId("models-status").getText())
                                .contains("Ollama is up", "4 of 4 models can battle now");
                        assertThat(browser.driver().findElements(By.cssSelector("#models-table .badge.ok")))
                                .hasSize(4);
                    } else {
                        browser.await(d -> d.findElements(By.cssSelector("#" + tab + "-table tbody tr"))
                                        .size()
                                == 4);
                        // Every model shows its measured speed: no dash in the tokens/s column.
                        assertThat(browser.js("return [...document.querySelectorAll('#" + tab + "-table tbody tr')]"
                                        + ".every(tr => /^\\d+\\.\\d$/.test(tr.children[[...tr.parentNode.parentNode.querySelectorAll('th')]"
                                        + ".findIndex(th => th.textContent.startsWith('Tokens/s'))].textContent))"))
                                .isEqualTo(true);
                    }
                    if (tab.equals("bt")) {
                        awaitCharts(List.of("chart-bt", "chart-predicted"));
                        Object predictedCells = browser.js(
                                "return echarts.getInstanceByDom(document.getElementById('chart-predicted')).getOption().series[0].data.length");
                        assertThat(((Number) predictedCells).intValue()).isEqualTo(12);
                    }
                    boolean tall = tab.equals("charts") || tab.equals("bt");
                    if (tall) {
                        browser.size(device.equals("phone") ? 360 : 1280, device.equals("phone") ? 2600 : 2100);
                        browser.js("return new Promise(r => setTimeout(r, 600))");
                    }
                    browser.screenshot(tab + "-" + device + "-" + scheme);
                    if (tall) {
                        browser.size(device.equals("phone") ? 360 : 1280, device.equals("phone") ? 1500 : 1100);
                    }
                }
            }
        }
        assertThat(Files.list(Path.of("target", "screenshots"))
                        .filter(p -> p.toString().endsWith(".png"))
                        .count())
                .isGreaterThanOrEqualTo(28);
    }

    private void battleInProgress() {
        var prompt = browser.byId("prompt");
        prompt.sendKeys("Why is the sky blue?");
        browser.click("generate");
        browser.await(d -> d.findElement(By.id("vote-a")).isEnabled());
    }

    private void awaitCharts(List<String> ids) {
        for (String id : ids) {
            browser.awaitChart(id);
            Object canvas = browser.js("return document.querySelectorAll('#' + arguments[0] + ' canvas').length", id);
            assertThat(((Number) canvas).intValue()).isPositive();
        }
        browser.js("return new Promise(r => setTimeout(r, 600))");
    }
}
