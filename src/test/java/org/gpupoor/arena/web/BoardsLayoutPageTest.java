package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.OfflineBoards;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The boards as a newcomer and a phone user meet them: which ranking leads, tabs, layout, URL. */
class BoardsLayoutPageTest {
    static final List<String> BOARDS = List.of("bt", "leaderboard", "elo");

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    TestArena.Builder threeModels() {
        arena.ollama().model("one:1b", "1.0B").answers("First", " answer.");
        arena.ollama().model("two:3b", "3.0B").answers("Second", " answer.");
        arena.ollama().model("three:7b", "7.0B").answers("Third", " answer.");
        return TestArena.config(arena.ollama().url(), arena.dir())
                .model("one:1b", "One (1B)", null)
                .model("two:3b", "Two (3B)", null)
                .model("three:7b", "Three (7B)", null);
    }

    @Test
    void the_ranking_leads_the_boards_and_models_without_battles_are_unranked_after_the_ranked_ones() throws Exception {
        arena.start(threeModels().build());
        browser.open("");
        List<String> tabs = browser.driver().findElements(By.cssSelector("[role=tab]")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(tabs.get(1)).contains("Ranking");
        assertThat(tabs).anySatisfy(t -> assertThat(t).contains("Leaderboard"));
        assertThat(tabs).anySatisfy(t -> assertThat(t).contains("ELO"));

        for (String board : BOARDS) {
            browser.click("tab-" + board);
            List<List<String>> rows = awaitRows(board, 3);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.get(0)).isEqualTo("–");
                assertThat(r.get(1)).contains("unranked, no battles yet");
            });
            String lead = browser.driver()
                    .findElement(By.cssSelector("#panel-" + board + " .lead"))
                    .getText();
            assertThat(lead).contains("original arena");
            if (!board.equals("bt")) {
                assertThat(lead).contains("Ranking");
            }
        }

        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                .json()
                .get("id")
                .asText();
        arena.api().events(id);
        arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}");
        Poll.until(
                "the ranking is refitted",
                Duration.ofSeconds(20),
                () -> arena.api().get("/api/leaderboard/bt").json().get("rows").size() == 2);
        for (String board : BOARDS) {
            browser.open("#" + board);
            List<List<String>> rows = browser.await(d -> {
                List<List<String>> now = rows(board);
                return now.size() == 3 && !now.get(0).get(0).equals("–") ? now : null;
            });
            assertThat(rows.subList(0, 2)).allSatisfy(r -> assertThat(r.get(0)).matches("\\d+"));
            assertThat(rows.get(2).get(0)).isEqualTo("–");
            assertThat(rows.get(2).get(1)).contains("unranked, no battles yet");
        }
    }

    @Test
    void after_a_vote_the_highlighted_rows_are_explained() {
        arena.start(threeModels().build());
        browser.open("");
        browser.click("tab-leaderboard");
        awaitRows("leaderboard", 3);
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#panel-leaderboard .legend"))
                        .isDisplayed())
                .isFalse();
        browser.click("tab-battle");
        WebElement prompt = browser.byId("prompt");
        prompt.sendKeys("Why is the sky blue?");
        prompt.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.await(d -> d.findElement(By.id("vote-a")).isEnabled());
        browser.click("vote-a");
        browser.await(d -> d.findElement(By.id("result")).isDisplayed());
        browser.click("tab-leaderboard");
        browser.await(d ->
                d.findElements(By.cssSelector("#leaderboard-table tr.changed")).size() == 2);
        WebElement legend = browser.driver().findElement(By.cssSelector("#panel-leaderboard .legend"));
        assertThat(legend.isDisplayed()).isTrue();
        assertThat(legend.getText()).isEqualTo("highlighted: the two models of your last battle");
    }

    @Test
    void the_tab_is_in_the_url_so_a_reload_or_back_returns_to_it_and_arrow_keys_still_move() {
        arena.start(threeModels().build());
        browser.open("#bt");
        browser.await(d -> selected().equals("tab-bt"));
        assertThat(browser.js("return !!document.querySelector('[role=tablist]').closest('nav')"))
                .as("the tabs sit in a navigation landmark")
                .isEqualTo(true);
        assertThat(browser.byId("panel-bt").isDisplayed()).isTrue();
        awaitRows("bt", 3);

        browser.click("tab-elo");
        assertThat(browser.driver().getCurrentUrl()).endsWith("#elo");
        browser.driver().navigate().refresh();
        browser.await(d -> selected().equals("tab-elo"));
        awaitRows("elo", 3);

        browser.driver().navigate().back();
        browser.await(d -> selected().equals("tab-bt"));
        browser.driver().navigate().forward();
        browser.await(d -> selected().equals("tab-elo"));

        browser.byId("tab-elo").sendKeys(Keys.ARROW_RIGHT);
        browser.await(d -> selected().equals("tab-charts"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("#charts");
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("tab-charts");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        browser.await(d -> selected().equals("tab-elo"));
    }

    @Test
    void on_a_phone_the_tabs_are_one_scrolling_row_and_the_board_shows_its_score_first() {
        arena.start(threeModels().build());
        browser.size(375, 800);
        browser.open("");
        List<?> tops =
                (List<?>) browser.js("return [...document.querySelectorAll('[role=tab]')].map(t => t.offsetTop)");
        assertThat(tops.stream().distinct()).hasSize(1);
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .isEqualTo(true);

        browser.click("tab-models");
        browser.await(d -> Boolean.TRUE.equals(
                browser.js("const t = document.getElementById('tab-models').getBoundingClientRect();"
                        + "const r = document.querySelector('[role=tablist]').getBoundingClientRect();"
                        + "return t.left >= r.left && t.right <= r.right + 1")));

        Map<String, String> sortedBy = Map.of("bt", "Rating", "leaderboard", "Score", "elo", "ELO");
        for (String board : BOARDS) {
            browser.click("tab-" + board);
            awaitRows(board, 3);
            String label = sortedBy.get(board);
            assertThat(browser.js(
                            "const th = [...document.querySelectorAll('#' + arguments[0] + '-table th')]"
                                    + ".find(th => th.textContent.startsWith(arguments[1]));"
                                    + "return th.getBoundingClientRect().right <= window.innerWidth",
                            board,
                            label))
                    .as("the %s column the board is sorted by is on screen", label)
                    .isEqualTo(true);
            assertThat(browser.driver()
                            .findElement(By.cssSelector("#panel-" + board + " .scroll-hint"))
                            .isDisplayed())
                    .isTrue();
            assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .isEqualTo(true);
        }
    }

    @Test
    void a_touch_screen_is_not_told_about_keyboard_shortcuts() {
        arena.start(threeModels().build());
        browser.open("");
        assertThat(browser.driver().findElement(By.cssSelector(".key-hint")).isDisplayed())
                .isTrue();
        assertThat(browser.driver().findElement(By.cssSelector("#vote-a kbd")).isDisplayed())
                .isTrue();
        browser.driver()
                .executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        browser.driver()
                .executeCdpCommand(
                        "Emulation.setEmitTouchEventsForMouse", Map.of("enabled", true, "configuration", "mobile"));
        browser.open("");
        assertThat(browser.js("return matchMedia('(pointer: coarse)').matches")).isEqualTo(true);
        assertThat(browser.driver().findElement(By.cssSelector(".key-hint")).isDisplayed())
                .isFalse();
        assertThat(browser.driver().findElement(By.cssSelector("#vote-a kbd")).isDisplayed())
                .isFalse();
        assertThat(browser.byId("vote-a").getText()).contains("A is better");
    }

    @Test
    void the_focus_ring_stands_out_from_the_page_in_light_and_dark() {
        arena.start(threeModels().build());
        for (String scheme : List.of("light", "dark")) {
            browser.colorScheme(scheme);
            browser.open("");
            browser.byId("tab-battle").sendKeys(Keys.ARROW_RIGHT);
            browser.await(d -> selected().equals("tab-bt"));
            double ratio = ((Number) browser.js("""
                            const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
                            const lum = (c) => { const [r, g, b] = rgb(c).map(v => { v /= 255;
                              return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                              return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                            const ring = getComputedStyle(document.activeElement).outlineColor;
                            const page = getComputedStyle(document.body).backgroundColor;
                            const [hi, lo] = [lum(ring), lum(page)].sort((x, y) => y - x);
                            return (hi + 0.05) / (lo + 0.05);""")).doubleValue();
            assertThat(ratio).as("focus ring contrast in %s", scheme).isGreaterThanOrEqualTo(3.0);
        }
    }

    static final String[][] BUSY = {
        {"tinyllama:1.1b", "TinyLlama (1.1B)", "1.1B"}, {"llama3.2:1b", "Llama 3.2 (1B)", "1.2B"},
        {"llama3.2:3b", "Llama 3.2 (3B)", "3.2B"}, {"qwen2.5:0.5b", "Qwen 2.5 (0.5B)", "0.5B"},
        {"qwen2.5:1.5b", "Qwen 2.5 (1.5B)", "1.5B"}, {"qwen2.5:3b", "Qwen 2.5 (3B)", "3.1B"},
        {"qwen2.5:7b", "Qwen 2.5 (7B)", "7.6B"}, {"gemma2:2b", "Gemma 2 (2B)", "2.6B"},
        {"gemma3:4b", "Gemma 3 (4B)", "4.3B"}, {"phi3.5:3.8b", "Phi 3.5 Mini (3.8B)", "3.8B"},
        {"phi4-mini:3.8b", "Phi 4 Mini (3.8B)", "3.8B"}, {"mistral:7b", "Mistral (7B)", "7.2B"},
        {"smollm2:1.7b", "SmolLM2 (1.7B)", "1.7B"}, {"granite3.1-dense:2b", "Granite 3.1 (2B)", "2.5B"},
        {"deepseek-r1:1.5b", "DeepSeek R1 (1.5B)", "1.8B"}, {"falcon3:3b", "Falcon 3 (3B)", "3.2B"},
    };

    /** The busy arena's 16 models, in Ollama and in the config. */
    static ArenaConfig busyModels(ArenaExtension arena) {
        TestArena.Builder config = TestArena.config(arena.ollama().url(), arena.dir());
        for (String[] m : BUSY) {
            arena.ollama().model(m[0], m[2]).answers("An", " answer.");
            config.model(m[0], m[1], null);
        }
        return config.build();
    }

    /** 16 models and 300 counted battles; the last model, Falcon 3, never battles. */
    void busyArena() {
        var built = busyModels(arena);
        Random random = new Random(7);
        try (OfflineBoards offline = new OfflineBoards(arena.dir(), built)) {
            for (int i = 0; i < 300; i++) {
                int a = random.nextInt(15);
                int b = (a + 1 + random.nextInt(14)) % 15; // the last model never battles
                boolean aStronger = a < b ? random.nextDouble() < 0.7 : random.nextDouble() < 0.3;
                Outcome outcome = random.nextDouble() < 0.1 ? Outcome.TIE : aStronger ? Outcome.A : Outcome.B;
                offline.vote(BUSY[a][0], BUSY[b][0], outcome);
            }
        }
        arena.start(built);
    }

    /** 16 models and 300 counted battles: the boards photographed at desktop (light) and phone (dark). */
    @Test
    void a_busy_arena_keeps_rank_model_and_rating_in_view_on_a_phone() throws Exception {
        busyArena();
        Path shots = Path.of("target", "screenshots");
        for (String device : List.of("desktop", "phone")) {
            browser.colorScheme(device.equals("phone") ? "dark" : "light");
            if (device.equals("phone")) {
                browser.size(375, 800);
            } else {
                browser.size(1280, 900);
            }
            for (String board : List.of("bt", "leaderboard", "elo", "models")) {
                browser.open("#" + board);
                List<List<String>> rows = awaitRows(board, 16);
                if (!board.equals("models")) {
                    assertThat(rows.get(0).get(0)).isEqualTo("1");
                    assertThat(rows.get(15).get(0)).isEqualTo("–");
                    assertThat(rows.get(15).get(1)).contains("Falcon 3 (3B)", "unranked");
                    if (!board.equals("bt")) {
                        assertThat(rows.subList(0, 15).stream().map(r -> r.get(0)))
                                .as("ranks close the gap the unranked model leaves")
                                .containsExactly(
                                        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14",
                                        "15");
                    }
                }
                if (device.equals("phone")) {
                    assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                            .isEqualTo(true);
                }
                browser.screenshot("boards-" + board + "-" + device);
                browser.js(
                        "document.querySelector('#' + arguments[0] + '-table tbody tr:last-child').scrollIntoView()",
                        board);
                browser.screenshot("boards-" + board + "-" + device + "-end");
            }
        }
        Path keep = Path.of("/tmp/shots-boards");
        if (Files.isDirectory(keep)) {
            try (var pngs = Files.list(shots)) {
                for (Path png : pngs.filter(p -> p.getFileName().toString().startsWith("boards-"))
                        .toList()) {
                    Files.copy(png, keep.resolve(png.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void the_ranking_says_why_several_models_share_confident_rank_one() {
        busyArena();
        browser.size(375, 800);
        browser.open("#bt");
        List<List<String>> rows = awaitRows("bt", 16);
        assertThat(rows.stream().filter(r -> r.get(0).equals("1")).count())
                .as("the case that looks like a bug: several models at rank 1")
                .isGreaterThan(1);
        WebElement note = browser.byId("bt-rank-note");
        assertThat(note.isDisplayed()).isTrue();
        assertThat(note.getText()).contains("95% confidence", "share rank 1");
        assertThat(browser.js("return document.getElementById('bt-rank-note').getBoundingClientRect().bottom"
                        + " <= document.getElementById('bt-table').getBoundingClientRect().top"))
                .as("the note comes before the table it explains")
                .isEqualTo(true);
        WebElement rank = browser.driver().findElement(By.cssSelector("#bt-table th button[data-key=rank]"));
        assertThat(rank.getAttribute("title")).contains("95% confidence");
        assertThat(rank.getAttribute("aria-describedby")).isEqualTo("bt-rank-note");
        browser.screenshot("bt-phone-rank-note");
    }

    /**
     * One line per model at 375 px with its size and status in view, no sideways scrolling. At about
     * 45 px a row, 16 models take some 800 px; 1,000 px leaves room for a name wrapping onto two
     * lines, and fails if the rows grow into cards. (The model card and the suggestion form follow
     * the list on the tab.)
     */
    @Test
    void on_a_phone_the_models_tab_is_a_compact_list_whose_details_open_on_demand() {
        busyArena();
        browser.size(375, 800);
        browser.open("#models");
        awaitRows("models", 16);
        assertThat(browser.js("const w = document.querySelector('#panel-models .table-wrap');"
                        + "return w.scrollWidth <= w.clientWidth"))
                .as("the list needs no sideways scrolling")
                .isEqualTo(true);
        assertThat(browser.js("return [...document.querySelectorAll('#models-table tbody .badge.ok')]"
                        + ".every(b => b.getBoundingClientRect().right <= window.innerWidth)"))
                .as("every model's status is on screen")
                .isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("#models-table tbody .badge.ok")))
                .hasSize(16);
        long height = ((Number) browser.js("return document.querySelector('#panel-models .table-wrap').offsetHeight"))
                .longValue();
        assertThat(height).isLessThanOrEqualTo(1000);
        String list = browser.byId("panel-models").getText();
        for (String[] m : BUSY) {
            assertThat(list).contains(m[1]);
        }
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .isEqualTo(true);
        WebElement first = browser.driver().findElement(By.cssSelector("#models-table tbody tr"));
        first.findElement(By.tagName("summary")).click();
        String details = first.findElement(By.tagName("details")).getText();
        assertThat(details).contains("Ollama tag", "Quantization", "Battles", "Load time");
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("models-phone-compact");
    }

    String selected() {
        return (String) browser.js("return document.querySelector('[role=tab][aria-selected=true]').id");
    }

    @SuppressWarnings("unchecked")
    List<List<String>> rows(String board) {
        return (List<List<String>>) browser.js(
                "return [...document.querySelectorAll('#' + arguments[0] + '-table tbody tr')]"
                        + ".map(tr => [...tr.children].map(td => td.innerText.trim()))",
                board);
    }

    List<List<String>> awaitRows(String board, int count) {
        return browser.await(d -> {
            List<List<String>> now = rows(board);
            return now.size() == count ? now : null;
        });
    }
}
