package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gpupoor.arena.config.Voters;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.GpuMemory;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The page used the way a voter uses it, in a real Chromium. */
class ArenaPageTest {
    static final String HOSTILE = "Here you go: <img src=x onerror=\"window.__pwned='img'\"> and "
            + "<script>window.__pwned='script'</script> and [a link](javascript:window.__pwned='link') "
            + "and <a href=\"#\" onclick=\"window.__pwned='click'\">click me</a>. "
            + "<style>.answer, .votes { display: none }</style><div id=\"answer-b\" class=\"winner\">hijack</div>"
            + "<form><button id=\"vote-a\">fake vote</button></form> Done.";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    void startArena(TestArena.Builder config) {
        arena.start(config.build());
        browser.open("");
    }

    TestArena.Builder twoModels() {
        arena.ollama()
                .model("llama3.2:1b", "1.2B")
                .paced(40)
                .answers(pieces(
                        "**Rayleigh scattering** makes the short blue wavelengths of sunlight spread across the whole sky, "
                                + "while longer red wavelengths pass straight through the air."));
        arena.ollama()
                .model("qwen2.5:3b", "3.1B")
                .paced(40)
                .answers(pieces("Sunlight scatters off the molecules of the air. Blue light scatters the most, "
                        + "so the sky looks blue from every direction."));
        return TestArena.config(arena.ollama().url(), arena.dir())
                .model("llama3.2:1b", "Llama 3.2 (1B)", null)
                .model("qwen2.5:3b", "Qwen 2.5 (3B)", null);
    }

    @Test
    void a_voter_rolls_a_prompt_watches_both_answers_stream_votes_with_a_key_and_sees_the_names_and_the_board() {
        startArena(twoModels());
        browser.click("tab-leaderboard");
        browser.await(d ->
                d.findElements(By.cssSelector("#leaderboard-table tbody tr")).size() == 2);
        assertThat(browser.driver().findElements(By.cssSelector("#leaderboard-table tbody tr")))
                .allSatisfy(r -> assertThat(r.getText())
                        .startsWith("–")
                        .contains("unranked, no battles yet", "0.000 0.0% 0 0 0 0"));
        browser.click("tab-battle");
        browser.click("random-prompt");
        browser.await(d -> !browser.value("prompt").isEmpty());
        assertThat(arena.config().examplePrompts()).contains(browser.value("prompt"));
        browser.click("generate");

        browser.await(d -> browser.text("status-a").startsWith("Generating")
                && !browser.text("answer-a").isEmpty());
        String partial = browser.text("answer-a");
        assertThat(browser.byId("vote-a").isEnabled()).isFalse();
        browser.await(d -> browser.byId("vote-a").isEnabled());
        assertThat(browser.text("answer-a").length()).isGreaterThan(partial.length());
        assertThat(browser.text("status-a")).startsWith("Done").contains("tokens/s");
        assertThat(browser.text("label-a") + browser.text("label-b")).doesNotContain("Llama", "Qwen");
        assertThat(browser.driver().getCurrentUrl()).contains("#battle=");
        // One request made the battle and carried both answers: none went to its /events as well.
        Object asked =
                browser.await(d -> browser.js("const asked = performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => n.includes('/api/battles'));"
                        + "return asked.length ? asked : null;"));
        assertThat((List<?>) asked)
                .map(String::valueOf)
                .anyMatch(name -> name.endsWith("/api/battles"))
                .noneMatch(name -> name.contains("/events"));

        new Actions(browser.driver()).sendKeys("1").perform();
        browser.await(d -> d.findElement(By.id("result")).isDisplayed());
        assertThat(browser.text("label-a")).startsWith("Model A: ");
        assertThat(browser.text("label-b")).startsWith("Model B: ");
        assertThat(List.of(
                        browser.text("label-a").substring(9),
                        browser.text("label-b").substring(9)))
                .containsExactlyInAnyOrder("Llama 3.2 (1B)", "Qwen 2.5 (3B)");
        assertThat(browser.text("result")).contains("You preferred Model A", "ELO +");
        assertThat(browser.byId("vote-b").isEnabled()).isFalse();
        String winner = browser.text("label-a").substring("Model A: ".length());

        browser.click("tab-leaderboard");
        // The board may be drawn twice (the tab's load and the vote's refresh): read the row the last drawing left.
        String row = browser.await(d -> {
            try {
                WebElement first = d.findElement(By.cssSelector("#leaderboard-table tbody tr"));
                return first.getAttribute("class").contains("changed")
                                && first.getText().contains(winner)
                        ? first.getText()
                        : null;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
        assertThat(row).startsWith("1 ").contains("0.500 100.0% 1 1 0 0");
        browser.click("tab-battle");
        browser.click("new-battle");
        assertThat(browser.text("label-a")).isEqualTo("Model A");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("#battle=");
    }

    @Test
    void a_cold_model_says_it_is_loading_and_its_load_is_shown_apart_from_its_first_token() {
        TestArena.Builder config = twoModels();
        arena.ollama().gpu(new GpuMemory.Settings(8_000_000_000L, 1e9, 3, 1, 1.0)); // about 1.8 s per load
        startArena(config);
        browser.typePrompt("Why is the sky blue?");

        browser.await(d -> browser.text("status-a").equals("Loading the model (cold start)…"));
        browser.await(d -> browser.text("status-a").startsWith("Done")
                && browser.text("status-b").startsWith("Done"));

        assertThat(browser.text("status-a")).containsPattern("first token 0\\.\\d s · loaded in 1\\.\\d s");
    }

    @Test
    void the_vote_opens_only_once_a_vote_would_count_so_a_persons_vote_always_does() {
        arena.ollama().model("one:1b", "1.0B").answers("Short", " answer.");
        arena.ollama().model("two:1b", "1.0B").answers("Another", " short", " answer.");
        startArena(TestArena.config(arena.ollama().url(), arena.dir())
                .voters(new Voters(0, 1.0, 0.0, false, 20))
                .model("one:1b", "One (1B)", null)
                .model("two:1b", "Two (1B)", null));
        browser.typePrompt("Why is the sky blue?");
        browser.await(d -> browser.text("vote-note").contains("Take a moment to read them"));
        assertThat(browser.byId("vote-a").isEnabled()).isFalse();
        browser.screenshot("battle-reading-time");
        browser.await(d -> browser.byId("vote-a").isEnabled());
        browser.click("vote-a");
        browser.await(d -> d.findElement(By.id("result")).isDisplayed());
        assertThat(browser.text("result"))
                .contains("You preferred Model A", "ELO +")
                .doesNotContain("does not count");
    }

    @Test
    void html_and_script_in_an_answer_never_run() {
        arena.ollama().model("evil:1b", "1.0B").answers(pieces(HOSTILE));
        arena.ollama().model("plain:1b", "1.0B").answers("Just", " text.");
        startArena(TestArena.config(arena.ollama().url(), arena.dir())
                .model("evil:1b", "Evil (1B)", null)
                .model("plain:1b", "Plain (1B)", null));
        browser.typePrompt("Show me some HTML");
        browser.await(d -> browser.byId("vote-a").isEnabled());

        String all = browser.text("answer-a") + browser.text("answer-b");
        assertThat(all).contains("Here you go", "click me", "Done.");
        for (WebElement link : browser.driver().findElements(By.cssSelector(".answer a"))) {
            link.click();
        }
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector(".answer script")))
                .isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector(".answer [onerror], .answer [onclick]")))
                .isEmpty();
        assertThat(browser.driver()
                        .findElements(By.cssSelector(
                                ".answer style, .answer [id], .answer [class], .answer form, .answer button")))
                .as("an answer cannot restyle the page, take over its ids or fake its controls")
                .isEmpty();
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#pane-a .answer"))
                        .isDisplayed())
                .isTrue();
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#pane-b .answer"))
                        .isDisplayed())
                .isTrue();
        assertThat(all).contains("Just text.");
        assertThat(browser.byId("vote-a").isDisplayed()).isTrue();
    }

    @Test
    void a_failing_side_disables_voting_and_says_why() {
        arena.ollama().model("good:1b", "1.0B").answers("Fine", " answer.");
        arena.ollama().model("bad:1b", "1.0B").failsWith(500, "llama runner process has terminated");
        startArena(TestArena.config(arena.ollama().url(), arena.dir())
                .model("good:1b", "Good (1B)", null)
                .model("bad:1b", "Bad (1B)", null));
        browser.typePrompt("Anything");

        browser.await(d -> browser.text("vote-note").contains("cannot be voted on"));
        assertThat(browser.text("vote-note")).contains("Ollama returned an error for this model");
        assertThat(browser.text("status-a") + browser.text("status-b")).contains("Failed:");
        assertThat(browser.driver().findElements(By.cssSelector(".votes button")))
                .allSatisfy(b -> assertThat(b.isEnabled()).isFalse());
        browser.click("label-a");
        new Actions(browser.driver()).sendKeys("2").perform();
        assertThat(browser.text("vote-note")).contains("cannot be voted on");
        assertThat(browser.text("result")).isEmpty();
        assertThat(browser.byId("retry").isDisplayed()).isTrue();
        String failedBattle = browser.driver().getCurrentUrl();
        browser.click("retry");
        browser.await(d -> !d.getCurrentUrl().equals(failedBattle)
                && browser.text("vote-note").contains("cannot be voted on"));
        assertThat(browser.value("prompt")).isEqualTo("Anything");
    }

    @Test
    void a_reload_in_the_middle_of_a_battle_picks_it_up_again() {
        arena.ollama()
                .model("slow:1b", "1.0B")
                .paced(60)
                .answers(pieces("one two three four five six seven eight nine ten eleven twelve"));
        arena.ollama()
                .model("slower:1b", "1.0B")
                .paced(80)
                .answers(pieces("alpha beta gamma delta epsilon zeta eta theta iota kappa"));
        startArena(TestArena.config(arena.ollama().url(), arena.dir())
                .model("slow:1b", "Slow (1B)", null)
                .model("slower:1b", "Slower (1B)", null));
        browser.typePrompt("Count for me");
        browser.await(d -> !browser.text("answer-a").isEmpty());
        String url = browser.driver().getCurrentUrl();

        browser.driver().navigate().refresh();
        browser.await(d -> browser.byId("vote-a").isEnabled());
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(url);
        assertThat(browser.value("prompt")).isEqualTo("Count for me");
        assertThat(browser.text("answer-a") + " " + browser.text("answer-b")).contains("twelve", "kappa");
        browser.click("vote-tie");
        browser.await(d -> browser.text("result").contains("tie"));
    }

    @Test
    void a_link_to_a_battle_that_is_gone_opens_a_fresh_arena() {
        startArena(twoModels());
        browser.driver().get(arena.url() + "/#battle=AAAAAAAAAAAAAAAAAAAAAA"); // only the fragment changes,
        browser.driver().navigate().refresh(); // so this loads the page with it
        browser.await(d -> d.findElement(By.id("arena-name")).getText().equals("Test Arena")
                && !d.getCurrentUrl().contains("#battle="));
        assertThat(browser.text("vote-note")).isEqualTo("Voting opens when both answers are complete.");
        assertThat(browser.byId("generate").isEnabled()).isTrue();
    }

    @Test
    void the_charts_redraw_in_the_new_theme_when_the_system_switches_without_a_reload() {
        startArena(twoModels());
        browser.click("tab-charts");
        String instance =
                "const c = window.echarts && echarts.getInstanceByDom(document.getElementById('chart-results'));";
        browser.await(d -> Boolean.TRUE.equals(browser.js(instance + "return !!c")));
        browser.js(instance + "c.marked = true");
        browser.colorScheme("dark");
        browser.await(d -> Boolean.TRUE.equals(browser.js(instance + "return !!c && !c.marked")));
        browser.colorScheme("light");
    }

    @Test
    void the_banner_says_so_when_ollama_is_down() throws Exception {
        String url = arena.ollama().url();
        arena.ollama().close();
        startArena(
                TestArena.config(url, arena.dir()).model("a:1b", "A (1B)", null).model("b:1b", "B (1B)", null));
        browser.await(d -> d.findElement(By.id("banner")).isDisplayed());
        assertThat(browser.text("banner")).contains("Ollama is not reachable");
        browser.typePrompt("Hello");
        browser.await(d -> browser.text("vote-note").contains("not reachable"));
    }

    static String[] pieces(String text) {
        return text.split("(?<= )");
    }
}
