package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gpupoor.arena.config.Voters;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.ModelScript;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The battle view as a voter reads it: answers with tables, code and math, focus, and the vote. */
class BattleViewPageTest {
    static final String TABLE_ANSWER = "Here is how they compare:\n\n"
            + "| Model | Parameters | Tokens per second | Memory needed | Context length |\n"
            + "|---|---|---|---|---|\n"
            + "| Llama 3.2 | 1234567890 | 45.67 | 1.3 GB | 131072 |\n"
            + "| Qwen 2.5 | 3087654321 | 21.09 | 2.9 GB | 32768 |\n\n"
            + "The energy is $E = mc^2$, and the area under the curve is\n\n"
            + "$$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$\n\n"
            + "That is all.";
    static final String CODE_ANSWER = "A plain version:\n\n"
            + "```python\n"
            + "def fibonacci(n):\n"
            + "    # the classic recursion, written out on one rather long line that cannot fit a phone\n"
            + "    return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)\n"
            + "```\n\n"
            + "And Pythagoras: \\(a^2 + b^2 = c^2\\), or as a block \\[c = \\sqrt{a^2 + b^2}\\] "
            + "with no link in $\\href{javascript:window.__pwned=1}{here}$ at all.";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    void startArena(TestArena.Builder config) {
        arena.start(config.build());
        browser.open("");
    }

    TestArena.Builder tableAndCode(int pace) {
        arena.ollama().model("table:1b", "1.2B").paced(pace).answers(ArenaPageTest.pieces(TABLE_ANSWER));
        arena.ollama().model("code:3b", "3.1B").paced(pace).answers(ArenaPageTest.pieces(CODE_ANSWER));
        return TestArena.config(arena.ollama().url(), arena.dir())
                .model("table:1b", "Table (1B)", null)
                .model("code:3b", "Code (3B)", null);
    }

    @Test
    void a_wide_table_and_long_code_scroll_inside_the_answer_instead_of_breaking_words_or_the_page() {
        browser.size(375, 800);
        startArena(tableAndCode(0));
        browser.typePrompt("Compare them in a table and show code");
        browser.await(d -> browser.text("status-a").startsWith("Done")
                && browser.text("status-b").startsWith("Done"));

        for (int width : List.of(375, 600, 800)) {
            browser.size(width, 800);
            WebElement table = browser.driver().findElement(By.cssSelector(".answer table"));
            WebElement wrap = table.findElement(By.xpath(".."));
            String layout = "at " + width + " px";
            double line = number("return parseFloat(getComputedStyle(arguments[0]).lineHeight)", table);
            for (WebElement th : table.findElements(By.tagName("th"))) {
                assertThat(th.getRect().getHeight())
                        .as("header '%s' %s", th.getText(), layout)
                        .isLessThan((int) (2.2 * line) + 8);
            }
            WebElement big = table.findElement(By.xpath(".//td[text()='1234567890']"));
            assertThat(number(
                            "const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                                    + " return r.getClientRects().length",
                            big))
                    .as("a number is not split across lines %s", layout)
                    .isEqualTo(1);
            assertThat(number("return arguments[0].scrollWidth - arguments[0].clientWidth", wrap))
                    .as("the table scrolls inside its answer %s", layout)
                    .isPositive();
            assertThat(wrap.getAttribute("tabindex")).isEqualTo("0");
            assertThat(wrap.getAttribute("aria-label")).contains("Table");
            assertThat(number("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                    .as("the page does not scroll sideways %s", layout)
                    .isLessThanOrEqualTo(0);
        }
        browser.size(375, 800);
        WebElement pre = browser.driver().findElement(By.cssSelector(".answer pre"));
        assertThat(number("return arguments[0].scrollWidth - arguments[0].clientWidth", pre))
                .isPositive();
        assertThat(pre.getAttribute("tabindex")).isEqualTo("0");
        assertThat(pre.getAttribute("aria-label")).isNotBlank();
        browser.screenshot("battle-wide-table-phone");
    }

    @Test
    void the_page_stays_where_the_voter_reads_when_the_vote_opens_and_after_the_vote() {
        browser.size(375, 800);
        startArena(tableAndCode(0).voters(new Voters(0, 3.0, 0.0, false, 20)));
        browser.byId("prompt").sendKeys("Compare them");
        browser.click("generate");
        assertThat(browser.js("return document.activeElement === document.body"))
                .as("focus is not dropped on the page when Generate disables itself")
                .isEqualTo(false);
        browser.await(d -> browser.text("vote-note").contains("Take a moment to read them"));
        browser.js("window.scrollTo(0, document.getElementById('answer-a').getBoundingClientRect().top + scrollY)");
        long reading = scrollY();
        assertThat(reading).isPositive();

        browser.await(d -> browser.byId("vote-a").isEnabled());
        assertThat(scrollY()).as("the vote opening does not move the page").isEqualTo(reading);
        new Actions(browser.driver()).sendKeys("2").perform();
        browser.await(d -> d.findElement(By.id("result")).isDisplayed());
        assertThat(browser.text("result")).contains("You preferred Model B");
        assertThat(scrollY()).as("the vote does not move the page either").isEqualTo(reading);
    }

    @Test
    void after_ctrl_enter_the_number_keys_vote_and_the_vote_stays_marked_with_each_size_said_once() {
        arena.ollama().model("llama3.2:1b", "1.2B").answers("Blue", " light", " scatters", " most.");
        arena.ollama().model("qwen2.5:3b", "3.1B").answers("Rayleigh", " scattering.");
        startArena(TestArena.config(arena.ollama().url(), arena.dir())
                .model("llama3.2:1b", "Llama 3.2 (1B)", null)
                .model("qwen2.5:3b", "Qwen 2.5", null));
        browser.typePrompt("Why is the sky blue?");
        browser.await(d -> browser.byId("vote-a").isEnabled());

        new Actions(browser.driver()).sendKeys("1").perform();
        browser.await(d -> d.findElement(By.id("result")).isDisplayed());
        assertThat(browser.value("prompt")).isEqualTo("Why is the sky blue?");
        assertThat(browser.text("result")).contains("You preferred Model A");
        assertThat(browser.byId("vote-a").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.text("vote-a")).contains("Your vote");
        assertThat(browser.text("vote-b")).doesNotContain("Your vote");
        assertThat(browser.text("result"))
                .contains("was Llama 3.2 (1B)")
                .doesNotContain("1.2B parameters")
                .contains("was Qwen 2.5 · 3.1B parameters");
        browser.screenshot("battle-voted");

        browser.click("new-battle");
        assertThat(browser.byId("vote-a").getAttribute("aria-pressed")).isNull();
        assertThat(browser.text("vote-a")).doesNotContain("Your vote");
    }

    @Test
    void generate_does_nothing_before_the_page_script_has_loaded_so_the_prompt_is_kept() {
        startArena(tableAndCode(0));
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/js/main.js")));
        browser.driver().navigate().refresh();
        browser.await(d -> "complete".equals(browser.js("return document.readyState")));
        browser.byId("prompt").sendKeys("Keep me");
        browser.click("generate");

        assertThat(browser.driver().getCurrentUrl()).isEqualTo(arena.url() + "/");
        assertThat(browser.value("prompt")).isEqualTo("Keep me");
        assertThat(browser.byId("generate").isEnabled()).isFalse();

        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        browser.driver().navigate().refresh();
        browser.await(d -> browser.byId("generate").isEnabled());
    }

    @Test
    void code_is_highlighted_math_is_typeset_and_the_copy_buttons_copy() {
        startArena(tableAndCode(0));
        browser.driver()
                .executeCdpCommand(
                        "Browser.grantPermissions",
                        Map.of(
                                "origin",
                                arena.url(),
                                "permissions",
                                List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.typePrompt("Show me code and math");
        browser.await(d -> browser.byId("vote-a").isEnabled());

        String shown = browser.text("answer-a") + browser.text("answer-b");
        assertThat(shown).doesNotContain("$E", "\\frac", "\\(", "\\[c", "\\sqrt");
        assertThat(browser.driver().findElements(By.cssSelector(".answer .katex")))
                .hasSizeGreaterThanOrEqualTo(5);
        assertThat(browser.driver().findElements(By.cssSelector(".answer .katex-display")))
                .hasSize(2);
        assertThat(browser.driver().findElements(By.cssSelector(".answer a"))).isEmpty();
        WebElement keyword = browser.driver().findElement(By.cssSelector(".answer pre .hljs-keyword"));
        assertThat(keyword.getText()).isEqualTo("def");
        WebElement plain = browser.driver().findElement(By.cssSelector(".answer pre code"));
        assertThat(keyword.getCssValue("color")).isNotEqualTo(plain.getCssValue("color"));
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".answer pre .hljs-comment"))
                        .getText())
                .startsWith("# the classic");

        WebElement copyCode = browser.driver().findElement(By.cssSelector(".answer .code-block button"));
        copyCode.click();
        browser.await(d -> copyCode.getText().equals("Copied"));
        assertThat(clipboard())
                .startsWith("def fibonacci(n):")
                .contains("fibonacci(n - 2)")
                .doesNotContain("Copy");

        String tableSide = browser.text("answer-a").contains("1234567890") ? "a" : "b";
        browser.click("copy-" + tableSide);
        browser.await(d -> browser.text("copy-" + tableSide).equals("Copied"));
        assertThat(clipboard()).isEqualTo(TABLE_ANSWER);
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        browser.size(1280, 900);
        shot("answers", "battle-answers-desktop");
        browser.size(375, 800);
        shot("pane-a", "battle-answer-a-phone");
        shot("pane-b", "battle-answer-b-phone");
    }

    @Test
    void the_battle_tab_loads_without_katex_or_highlight_js_which_come_with_the_first_code_or_math_answer() {
        ModelScript first = arena.ollama().model("plain:1b", "1.2B").answers("Blue", " light", " scatters", " most.");
        ModelScript second = arena.ollama().model("plain:3b", "3.1B").answers("Rayleigh", " scattering.");
        startArena(TestArena.config(arena.ollama().url(), arena.dir())
                .model("plain:1b", "Plain (1B)", null)
                .model("plain:3b", "Plain (3B)", null));
        browser.js("return new Promise(r => setTimeout(r, 500))");
        long bytes = Math.round(number("return [...performance.getEntriesByType('navigation'),"
                + " ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + e.transferSize, 0)"));
        System.out.println("Battle tab first load: " + bytes + " bytes transferred");
        browser.typePrompt("Why is the sky blue?");
        browser.await(d -> browser.text("status-a").startsWith("Done")
                && browser.text("status-b").startsWith("Done"));
        assertThat(libraryRequests()).isEmpty();
        assertThat(browser.js("return typeof window.katex + ' ' + typeof window.hljs"))
                .isEqualTo("undefined undefined");

        first.answers(ArenaPageTest.pieces(CODE_ANSWER));
        second.answers(ArenaPageTest.pieces(TABLE_ANSWER));
        browser.typePrompt("Show me code and math");
        browser.await(d -> !d.findElements(By.cssSelector(".answer pre code.hljs .hljs-keyword"))
                        .isEmpty()
                && d.findElements(By.cssSelector(".answer .katex")).size() >= 5);
        assertThat(browser.text("answer-a") + browser.text("answer-b")).doesNotContain("$E", "\\frac", "\\sqrt");
        assertThat(libraryRequests()).containsExactlyInAnyOrder("katex.min.css", "katex.min.js", "highlight.min.js");
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
    }

    @Test
    void a_table_scrolled_sideways_while_its_answer_streams_stays_scrolled_as_more_text_arrives() {
        browser.size(375, 800);
        ModelScript table = arena.ollama()
                .model("table:1b", "1.2B")
                .answers(
                        "Here is how they compare:\n\n",
                        "| Model | Parameters | Tokens per second | Memory needed | Context length |\n|---|---|---|---|---|\n",
                        "| Llama 3.2 | 1234567890 | 45.67 | 1.3 GB | 131072 |\n",
                        "| Qwen 2.5 | 3087654321 | 21.09 | 2.9 GB | 32768 |\n\n",
                        "Llama ",
                        "is ",
                        "faster.\n\n",
                        "Qwen ",
                        "knows ",
                        "more.")
                .pausesAfter(4);
        arena.ollama().model("plain:3b", "3.1B").answers("Short", " answer.");
        startArena(TestArena.config(arena.ollama().url(), arena.dir())
                .model("table:1b", "Table (1B)", null)
                .model("plain:3b", "Plain (3B)", null));
        browser.typePrompt("Compare them in a table");
        browser.await(d -> (browser.text("answer-a") + browser.text("answer-b")).contains("3087654321"));
        String side = browser.text("answer-a").contains("3087654321") ? "a" : "b";
        WebElement wrap = browser.driver().findElement(By.cssSelector("#answer-" + side + " .scroll"));
        browser.js("arguments[0].scrollLeft = 120; arguments[0].scrolledByTest = true", wrap);
        double left = number("return arguments[0].scrollLeft", wrap);
        assertThat(left).isPositive();

        table.resume();
        browser.await(d -> browser.text("status-" + side).startsWith("Done"));
        assertThat(browser.text("answer-" + side)).contains("Qwen knows more.");
        String kept = "return document.querySelector('#answer-' + arguments[0] + ' .scroll')";
        assertThat(browser.js(kept + ".scrolledByTest === true", side))
                .as("the table is the same element")
                .isEqualTo(true);
        assertThat(number(kept + ".scrollLeft", side)).isEqualTo(left);
    }

    @Test
    void one_after_the_other_the_second_side_says_it_waits_for_its_turn() {
        arena.ollama()
                .model("first:1b", "1.0B")
                .paced(150)
                .answers(ArenaPageTest.pieces("one two three four five six seven eight nine ten eleven twelve"));
        arena.ollama()
                .model("second:1b", "1.0B")
                .paced(150)
                .answers(ArenaPageTest.pieces("alpha beta gamma delta epsilon zeta eta theta iota kappa"));
        startArena(TestArena.config(arena.ollama().url(), arena.dir())
                .sequential()
                .model("first:1b", "First (1B)", null)
                .model("second:1b", "Second (1B)", null));
        browser.typePrompt("Count");

        String waiting = "Waiting for its turn (the other side answers first)…";
        browser.await(d -> browser.text("status-a").startsWith("Generating")
                        && browser.text("status-b").equals(waiting)
                || browser.text("status-b").startsWith("Generating")
                        && browser.text("status-a").equals(waiting));
        browser.await(d -> browser.text("status-a").startsWith("Done")
                && browser.text("status-b").startsWith("Done"));
    }

    /** The highlight.js and KaTeX files the page has fetched, by file name. */
    List<String> libraryRequests() {
        List<?> names = (List<?>) browser.js("return performance.getEntriesByType('resource')"
                + ".filter(e => /katex\\.min|highlight\\.min/.test(e.name)).map(e => e.name.replace(/.*\\//, ''))");
        return names.stream().map(String::valueOf).toList();
    }

    void shot(String id, String name) {
        browser.js("document.getElementById(arguments[0]).scrollIntoView()", id);
        browser.screenshot(name);
    }

    String clipboard() {
        return (String)
                browser.driver()
                        .executeAsyncScript(
                                "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error: ' + e));");
    }

    long scrollY() {
        return Math.round(number("return window.scrollY"));
    }

    double number(String script, Object... args) {
        return ((Number) browser.js(script, args)).doubleValue();
    }
}
