package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.Database;
import org.gpupoor.arena.store.NewBattle;
import org.gpupoor.arena.store.SideRecord;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/** The charts of an arena with many models, as a reader on a desktop or a phone sees them. */
class ChartsPageTest {
    static final Path SHOTS = Path.of("/tmp/shots-charts");
    static final List<String> CHART_TAB = List.of("chart-results", "chart-elo", "chart-speed", "chart-h2h");
    static final List<String> BT_TAB = List.of("chart-bt", "chart-predicted");

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    /**
     * An arena whose log already holds {@code battles} voted battles among {@code count} models with
     * long realistic names and different speeds, the way a busy arena's log looks after a restart.
     */
    void arenaWith(int count, int battles) {
        Map<String, String> models = new LinkedHashMap<>();
        String[] families = {
            "Llama 3.2 Instruct",
            "Qwen 2.5 Coder",
            "Gemma 2 Instruct",
            "Phi 3.5 Mini Instruct",
            "Mistral Nemo",
            "DeepSeek R1 Distill Qwen",
            "SmolLM2",
            "Granite 3.1 Dense"
        };
        for (int i = 0; i < count; i++) {
            int size = 1 + i % 8;
            models.put(
                    "model" + i + ":" + size + "b",
                    families[i % families.length] + " v" + i + " (" + size + "B, " + (i % 2 == 0 ? "4" : "8")
                            + "-bit)");
        }
        List<String> tags = List.copyOf(models.keySet());
        Random random = new Random(15);
        try (Database database = Database.open(arena.dir().resolve("arena.db"))) {
            BattleLog log = new BattleLog(database.dataSource());
            for (int n = 0; n < battles; n++) {
                int a = random.nextInt(count);
                int b = (a + 1 + random.nextInt(count - 1)) % count;
                String id = String.format("chart%017d", n);
                Instant now = Instant.now();
                log.insert(new NewBattle(id, now, "Why is the sky blue?", tags.get(a), tags.get(b), null, null));
                log.finish(id, true, null, null, answer(a), answer(b), now);
                // The stronger model (lower index) wins more often, so the boards spread out.
                double pA = 0.5 + (b - a) * 0.6 / count;
                double roll = random.nextDouble();
                Outcome outcome = roll < 0.1 ? Outcome.TIE : roll < 0.1 + 0.9 * pA ? Outcome.A : Outcome.B;
                log.recordVote(id, outcome, now, () -> {});
            }
            log.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        arena.start(TestArena.config(arena.ollama().url(), arena.dir())
                .models(models)
                .build());
        // The first fit of a big board takes a while on a cold server; the browser should not wait for it.
        for (String board : List.of("/api/leaderboard/bt", "/api/leaderboard/matrix", "/api/leaderboard/elo/history")) {
            assertThat(arena.api().get(board).status()).isEqualTo(200);
        }
    }

    static SideRecord answer(int model) {
        return new SideRecord("An answer.", 120, 8.0 + model * 2.7 % 40, 300L, 15000L, "stop", null);
    }

    void openPage(int width, int height) {
        browser.size(width, height);
        browser.open("");
    }

    void showTab(String tab, List<String> charts) {
        browser.click("tab-" + tab);
        charts.forEach(browser::awaitChart);
        browser.js("return new Promise(r => setTimeout(r, 700))");
    }

    long number(String script, Object... args) {
        return ((Number) browser.js(script, args)).longValue();
    }

    @Test
    void a_chart_fills_its_card_again_after_the_window_was_resized_while_another_tab_was_open() {
        arenaWith(16, 120);
        openPage(1280, 900);
        showTab("charts", CHART_TAB);
        showTab("bt", BT_TAB);
        browser.click("tab-leaderboard");
        browser.size(1000, 900);
        browser.js("return new Promise(r => setTimeout(r, 300))");
        browser.size(1200, 900);
        showTab("charts", CHART_TAB);
        for (String id : CHART_TAB) {
            long box = number("return document.getElementById(arguments[0]).clientWidth", id);
            long canvas = number(
                    "return document.querySelector('#' + arguments[0] + ' canvas').getBoundingClientRect().width", id);
            assertThat(box).as(id).isGreaterThan(1000);
            assertThat(canvas).as(id).isBetween(box - 2, box + 2);
        }
        showTab("bt", BT_TAB);
        for (String id : BT_TAB) {
            long box = number("return document.getElementById(arguments[0]).clientWidth", id);
            long canvas = number(
                    "return document.querySelector('#' + arguments[0] + ' canvas').getBoundingClientRect().width", id);
            assertThat(canvas).as(id).isBetween(box - 2, box + 2);
        }
    }

    @Test
    void the_battle_tab_loads_without_the_chart_library_which_comes_when_a_chart_tab_opens() {
        arenaWith(4, 20);
        openPage(1280, 900);
        browser.js("return new Promise(r => setTimeout(r, 500))");
        String echartsRequests =
                "return performance.getEntriesByType('resource').filter(e => e.name.includes('echarts')).length";
        assertThat(number(echartsRequests)).isZero();
        assertThat(browser.js("return typeof window.echarts")).isEqualTo("undefined");
        showTab("charts", CHART_TAB);
        assertThat(number(echartsRequests)).isEqualTo(1);
        assertThat(number("return document.querySelectorAll('#panel-charts canvas').length"))
                .isGreaterThanOrEqualTo(4);
        showTab("bt", BT_TAB);
        assertThat(number(echartsRequests)).isEqualTo(1);
    }

    @Test
    void sixteen_models_get_readable_charts_five_lines_at_first_and_every_name_whole_in_the_tooltips() {
        arenaWith(16, 160);
        openPage(1280, 900);
        showTab("charts", CHART_TAB);
        String elo =
                "const c = echarts.getInstanceByDom(document.getElementById('chart-elo')); const o = c.getOption();";
        assertThat(number(elo + "return o.series.length")).isEqualTo(16);
        assertThat(number(elo + "return Object.values(o.legend[0].selected).filter(Boolean).length"))
                .isEqualTo(5);
        // The tooltip at the end of the history lists every line drawn, strongest first.
        String tooltip = (String)
                browser.js(elo + "const x = o.xAxis[0].max;" + "return o.tooltip[0].formatter([{axisValue: x}]);");
        assertThat(tooltip.split("<br>")).hasSize(6);
        List<Integer> ratings = java.util.Arrays.stream(tooltip.split("<br>"))
                .skip(1)
                .map(l -> Integer.parseInt(l.replaceAll(".*<b>(\\d+)</b>.*", "$1")))
                .toList();
        assertThat(ratings).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // The reader adds a sixth model from the legend; the tooltip follows.
        browser.js("echarts.getInstanceByDom(document.getElementById('chart-elo'))"
                + ".dispatchAction({type: 'legendSelect', name: 'SmolLM2 v14 (7B, 4-bit)'})");
        String more = (String) browser.js(elo + "return o.tooltip[0].formatter([{axisValue: o.xAxis[0].max}]);");
        assertThat(more).contains("SmolLM2 v14 (7B, 4-bit)");
        // Names are cut with an ellipsis beside the bars, never mid-word without one, and whole in the tooltip.
        String results = "const c = echarts.getInstanceByDom(document.getElementById('chart-results'));";
        assertThat(browser.js(results + "return c.getOption().yAxis[0].axisLabel.overflow"))
                .isEqualTo("truncate");
        String row = (String) browser.js(results + "const o = c.getOption();"
                + "const i = o.yAxis[0].data.indexOf('DeepSeek R1 Distill Qwen v5 (6B, 8-bit)');"
                + "return o.tooltip[0].formatter([{dataIndex: i}])");
        assertThat(row).contains("<b>DeepSeek R1 Distill Qwen v5 (6B, 8-bit)</b>");
        // Heatmap cells carry their numbers at this size, on a scale without red against green.
        String h2h = "const o = echarts.getInstanceByDom(document.getElementById('chart-h2h')).getOption();";
        assertThat(browser.js(h2h + "return o.series[0].label.show")).isEqualTo(true);
        assertThat((String) browser.js(h2h + "return o.visualMap[0].inRange.color.join(' ')"))
                .doesNotContain("#d9534f", "#2e9e5b");
        assertReadableHeatmap("chart-h2h", 16, false);
        // Every dot of the speed scatter is named in its tooltip, and the labels make way for each other.
        String speed = "const o = echarts.getInstanceByDom(document.getElementById('chart-speed')).getOption();";
        assertThat(number(speed + "return o.series[0].data.length")).isEqualTo(16);
        String tips = (String) browser.js(
                speed + "return o.series[0].data.map((d, i) => o.tooltip[0].formatter({dataIndex: i})).join('\\n')");
        for (int i = 0; i < 16; i++) {
            assertThat(tips).contains(" v" + i + " (");
        }
        assertThat(browser.js(speed + "return o.series[0].labelLayout.hideOverlap"))
                .isEqualTo(true);
        assertThat(browser.js("return [...document.querySelectorAll('#panel-charts .chart')]"
                        + ".every(el => echarts.getInstanceByDom(el).getOption().tooltip[0].confine)"))
                .isEqualTo(true);
        shots("16");
    }

    @Test
    void each_chart_has_its_numbers_in_a_table_under_it() {
        arenaWith(16, 120);
        openPage(1280, 900);
        showTab("charts", CHART_TAB);
        for (String id : CHART_TAB) {
            var details = browser.byId(id + "-numbers");
            assertThat(details.findElement(By.tagName("summary")).getText()).isEqualTo("Show the numbers");
            details.findElement(By.tagName("summary")).click();
            assertThat(details.findElement(By.tagName("caption")).getText()).isNotBlank();
            assertThat(details.findElements(By.cssSelector("tbody th[scope=row]")))
                    .hasSizeGreaterThanOrEqualTo(16);
        }
        saveShot(browser.byId("chart-h2h-numbers").getScreenshotAs(OutputType.FILE), "numbers-h2h");
        saveShot(browser.byId("chart-results-numbers").getScreenshotAs(OutputType.FILE), "numbers-results");
        String results = browser.byId("chart-results-numbers").getText();
        assertThat(results).contains("Llama 3.2 Instruct v0 (1B, 4-bit)", "Granite 3.1 Dense v15 (8B, 8-bit)");
        // The first row of the results table is the leaderboard's first model, with its wins.
        browser.click("tab-leaderboard");
        browser.await(d ->
                d.findElements(By.cssSelector("#leaderboard-table tbody tr")).size() == 16);
        var first = browser.driver().findElements(By.cssSelector("#leaderboard-table tbody tr td"));
        List<String> headers = browser.driver().findElements(By.cssSelector("#leaderboard-table thead th")).stream()
                .map(h -> h.getText().strip())
                .toList();
        String name = first.get(headers.indexOf("Model")).getText();
        String wins = first.get(headers.indexOf("Wins")).getText();
        showTab("charts", CHART_TAB);
        var row = browser.driver().findElement(By.cssSelector("#chart-results-numbers tbody tr"));
        assertThat(row.findElement(By.tagName("th")).getText()).isEqualTo(name);
        assertThat(row.findElements(By.tagName("td")).get(0).getText()).isEqualTo(wins);
        showTab("bt", BT_TAB);
        for (String id : BT_TAB) {
            browser.driver()
                    .findElement(By.cssSelector("#" + id + "-numbers summary"))
                    .click();
            assertThat(browser.driver().findElements(By.cssSelector("#" + id + "-numbers tbody th[scope=row]")))
                    .hasSize(16);
        }
        assertThat(browser.byId("chart-predicted-numbers").getText()).containsPattern("\\d+%");
    }

    @Test
    void forty_models_fit_a_phone_without_sideways_scrolling() {
        arenaWith(40, 400);
        openPage(375, 800);
        showTab("charts", CHART_TAB);
        assertThat(number("return document.documentElement.scrollWidth - window.innerWidth"))
                .isLessThanOrEqualTo(0);
        // A tooltip near the right edge stays on the screen.
        browser.js(
                "const c = echarts.getInstanceByDom(document.getElementById('chart-h2h'));"
                        + "c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: c.getOption().series[0].data.length - 1})");
        browser.js("return new Promise(r => setTimeout(r, 300))");
        assertThat(number("return document.documentElement.scrollWidth - window.innerWidth"))
                .isLessThanOrEqualTo(0);
        showTab("bt", BT_TAB);
        assertThat(number("return document.documentElement.scrollWidth - window.innerWidth"))
                .isLessThanOrEqualTo(0);
        shots("40");
    }

    @Test
    void forty_models_heatmaps_keep_readable_cells_in_their_own_sideways_scrolling_region_on_a_phone() {
        arenaWith(40, 400);
        openPage(375, 800);
        showTab("charts", CHART_TAB);
        assertReadableHeatmap("chart-h2h", 40, true);
        showTab("bt", BT_TAB);
        assertReadableHeatmap("chart-predicted", 40, true);
    }

    /**
     * A heatmap's cells are wide enough for their numbers, which they show; the heatmap scrolls
     * sideways in its own focusable, named region when it must, and the page never does.
     */
    void assertReadableHeatmap(String id, int models, boolean scrolls) {
        String option =
                "const c = echarts.getInstanceByDom(document.getElementById(arguments[0])); const o = c.getOption();"
                        + "const w = document.querySelector('#' + arguments[0] + ' canvas').getBoundingClientRect().width;";
        double cell = ((Number) browser.js(
                        option + "return (w - o.grid[0].left - o.grid[0].right) / arguments[1];", id, models))
                .doubleValue();
        assertThat(cell).as("%s cell width", id).isGreaterThanOrEqualTo(24);
        assertThat(browser.js(option + "return o.series[0].label.show", id)).isEqualTo(true);
        String region = "const r = document.getElementById(arguments[0]).closest('[role=region]');";
        assertThat(browser.js(region + "return !!r && r.tabIndex === 0 && !!r.getAttribute('aria-label')", id))
                .as("%s sits in a focusable, named region", id)
                .isEqualTo(true);
        assertThat(browser.js(region + "return r.scrollWidth > r.clientWidth", id))
                .as("%s scrolls sideways", id)
                .isEqualTo(scrolls);
        browser.js(region + "r.scrollLeft = r.scrollWidth", id);
        assertThat(number("return document.documentElement.scrollWidth - window.innerWidth"))
                .isLessThanOrEqualTo(0);
    }

    @Test
    void an_arena_without_battles_says_so_instead_of_drawing_bare_axes() {
        arenaWith(4, 0);
        openPage(1280, 900);
        browser.click("tab-charts");
        for (String id : CHART_TAB) {
            browser.await(d -> Boolean.TRUE.equals(browser.js(
                    "const c = window.echarts && echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                            + "return !!c && (c.getOption().title || []).some(t => t.text === 'No battles yet');",
                    id)));
            assertThat(browser.js(
                            "return (echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().xAxis || []).length",
                            id))
                    .isEqualTo(0L);
        }
    }

    static void saveShot(java.io.File shot, String name) {
        try {
            Files.createDirectories(SHOTS);
            Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Photographs both chart tabs, light and dark, at desktop and phone width, into /tmp/shots-charts. */
    void shots(String models) {
        try {
            Files.createDirectories(SHOTS);
            for (String scheme : List.of("light", "dark")) {
                for (int[] size : new int[][] {{1280, 900}, {375, 800}}) {
                    browser.colorScheme(scheme);
                    openPage(size[0], size[1]);
                    for (String tab : List.of("charts", "bt")) {
                        showTab(tab, tab.equals("charts") ? CHART_TAB : BT_TAB);
                        long height = number("return document.documentElement.scrollHeight");
                        browser.size(size[0], (int) Math.min(height + 140, 6000));
                        browser.js("return new Promise(r => setTimeout(r, 700))");
                        Path shot = browser.driver()
                                .getScreenshotAs(OutputType.FILE)
                                .toPath();
                        Files.copy(
                                shot,
                                SHOTS.resolve(models + "-" + tab + "-" + size[0] + "-" + scheme + ".png"),
                                StandardCopyOption.REPLACE_EXISTING);
                        var cards = browser.driver().findElements(By.cssSelector("#panel-" + tab + " .chart-card"));
                        for (int i = 0; i < cards.size(); i++) {
                            Files.copy(
                                    cards.get(i)
                                            .getScreenshotAs(OutputType.FILE)
                                            .toPath(),
                                    SHOTS.resolve(
                                            models + "-" + tab + "-" + size[0] + "-" + scheme + "-card" + i + ".png"),
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                        browser.size(size[0], size[1]);
                    }
                }
            }
            browser.colorScheme("light");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
