package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.DemoArena;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * axe-core's rules run inside the page on every tab, before, during and after a battle, on a
 * light desktop and a dark phone: no serious or critical violation anywhere.
 */
class AccessibilityTest {
    static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    static final List<String> TABS = List.of("battle", "bt", "leaderboard", "elo", "charts", "models", "stats");

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    String axe;

    @BeforeEach
    void start() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as("axe-core's webjar is on the test classpath").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DemoArena.script(arena.ollama());
        arena.start(c -> c.model("llama3.2:1b", "Llama 3.2 (1B, 8-bit)", null)
                .model("qwen2.5:3b", "Qwen 2.5 (3B, 4-bit)", null)
                .model("gemma2:2b", "Gemma 2 (2B, 4-bit)", null)
                .model("phi3.5:3.8b", "Phi 3.5 Mini (3.8B, 4-bit)", null));
        for (String verdict : List.of("a", "b", "tie", "a", "b", "a")) {
            String id = arena.api()
                    .post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                    .json()
                    .get("id")
                    .asText();
            assertThat(Api.endStatus(arena.api().events(id))).isEqualTo("ready");
            arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"" + verdict + "\"}");
        }
    }

    @Test
    void a_light_desktop_has_no_serious_violations_before_during_or_after_a_battle() {
        browser.colorScheme("light");
        browser.size(1280, 900);
        assertNoSeriousViolations();
    }

    @Test
    void a_dark_phone_has_no_serious_violations_before_during_or_after_a_battle() {
        browser.colorScheme("dark");
        browser.size(375, 800);
        assertNoSeriousViolations();
    }

    void assertNoSeriousViolations() {
        List<String> found = new ArrayList<>();
        browser.open("");
        everyTab("before a battle", found);
        styleHeldEqual(found);

        browser.click("tab-battle");
        browser.byId("prompt").sendKeys("Why is the sky blue?");
        browser.click("generate");
        browser.await(d -> !d.findElement(By.id("answer-a")).getText().isEmpty());
        found.addAll(violations("battle while answers stream"));
        browser.await(d -> d.findElement(By.id("vote-a")).isEnabled());
        everyTab("during a battle, answers done", found);

        browser.click("tab-battle");
        browser.click("vote-a");
        browser.await(d -> d.findElement(By.id("result")).isDisplayed());
        everyTab("after the vote", found);

        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    void everyTab(String moment, List<String> found) {
        for (String tab : TABS) {
            browser.click("tab-" + tab);
            awaitFilled(tab);
            found.addAll(violations(tab + " " + moment));
        }
    }

    /** The Ranking with style held equal: a Shift column and the fitted prices above the table. */
    void styleHeldEqual(List<String> found) {
        browser.click("tab-bt");
        browser.driver()
                .findElement(By.cssSelector("input[name=bt-control][value=style]"))
                .click();
        browser.await(d -> d.findElement(By.id("bt-coefficients")).isDisplayed()
                && !d.findElements(By.cssSelector("#bt-table th button[data-key=shift]"))
                        .isEmpty());
        awaitFilled("bt");
        found.addAll(violations("bt with style held equal"));
        browser.driver()
                .findElement(By.cssSelector("input[name=bt-control][value='']"))
                .click();
    }

    void awaitFilled(String tab) {
        switch (tab) {
            case "charts" -> browser.awaitChart("chart-results");
            case "bt" -> {
                awaitRows("bt-table");
                browser.awaitChart("chart-bt");
            }
            case "leaderboard", "elo", "models" -> awaitRows(tab + "-table");
            case "stats" ->
                browser.await(d -> !d.findElements(By.cssSelector("#stats-list .stat-card"))
                        .isEmpty());
            default -> {}
        }
    }

    void awaitRows(String table) {
        browser.await(d -> !d.findElements(By.cssSelector("#" + table + " tbody tr[data-model]"))
                .isEmpty());
    }

    List<String> violations(String where) {
        return violations(browser, axe, where);
    }

    /** axe-core's serious and critical findings on the page {@code browser} shows, one line per rule. */
    static List<String> violations(BrowserExtension browser, String where) {
        try (InputStream in = AccessibilityTest.class.getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as("axe-core's webjar is on the test classpath").isNotNull();
            return violations(browser, new String(in.readAllBytes(), StandardCharsets.UTF_8), where);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(BrowserExtension browser, String axe, String where) {
        if (!Boolean.TRUE.equals(browser.js("return !!window.axe"))) {
            browser.js(axe);
        }
        List<Map<String, Object>> results =
                (List<Map<String, Object>>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ["violations"] })
                  .then((r) => done(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
                    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                      targets: v.nodes.map((n) => n.target.join(" ") + " (" + (n.failureSummary || "").replace(/\\s+/g, " ") + ")") }))))
                  .catch((e) => done([{ id: "axe-error", impact: "critical", help: String(e), targets: [] }]));
                """);
        return results.stream()
                .map(v -> where + ": " + v.get("id") + " [" + v.get("impact") + "] " + v.get("help") + " at "
                        + v.get("targets"))
                .toList();
    }
}
