package org.gpupoor.arena.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.opendata.Recompute;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.SideRecord;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.BrowserExtension;
import org.gpupoor.arena.testing.OfflineBoards;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * "Does it win because it writes longer answers, or because it is fast?": logs of equally good
 * models whose voters pay for length (or speed) by a planted amount. The plain board ranks the
 * long-winded (or fast) model far ahead; the controlled board puts them level within their
 * intervals and finds the planted price, all through the API a reader uses.
 */
class ControlledBoardsTest {
    private static final double ELO = 400 / Math.log(10);
    private static final String CODE = "Write a Python function that returns the n-th Fibonacci number.";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension(arena);

    @Test
    void style_control_levels_models_that_win_by_writing_longer_answers() throws Exception {
        double planted = 2.0; // natural-log odds per unit of (a-b)/(a+b) of answer tokens
        arena.start(verboseLog(planted));
        Api api = arena.api();
        JsonNode plain = fittedPlainBoard(api);
        JsonNode style = api.get("/api/leaderboard/bt?control=style").json();

        assertThat(model(plain, 0)).isEqualTo("verbose:7b");
        JsonNode rows = plain.get("rows");
        assertThat(rows.get(0).get("flip_votes").asInt())
                .as("votes that swap the top two")
                .isPositive();
        assertThat(rows.get(rows.size() - 1).get("flip_votes").isNull()).isTrue();
        assertThat(rows.get(0).get("both_bad_rate").asDouble()).isZero();
        assertThat(row(plain, "verbose:7b").get("ci_low").asDouble())
                .as("the plain board is sure the verbose model is better")
                .isGreaterThan(row(plain, "terse:7b").get("ci_high").asDouble());
        assertThat(style.get("control").asText()).isEqualTo("style");
        assertThat(style.get("battles").asLong()).isEqualTo(2000);
        for (String model : List.of("verbose:7b", "terse:7b", "middle:7b")) {
            JsonNode r = row(style, model);
            assertThat(r.get("ci_low").asDouble())
                    .as("%s's style-controlled interval holds the true (equal) strength", model)
                    .isLessThanOrEqualTo(1000)
                    .isLessThan(r.get("rating").asDouble());
            assertThat(r.get("ci_high").asDouble()).isGreaterThanOrEqualTo(1000);
        }
        JsonNode length = coefficient(style, "length");
        assertThat(length.get("ci_low").asDouble()).isLessThanOrEqualTo(planted * ELO);
        assertThat(length.get("ci_high").asDouble()).isGreaterThanOrEqualTo(planted * ELO);
        assertThat(coefficient(style, "headers").get("ci_low").asDouble()).isLessThanOrEqualTo(0);
        assertThat(coefficient(style, "headers").get("ci_high").asDouble()).isGreaterThanOrEqualTo(0);

        // The export carries what the fit needs, so anyone can recompute the same board offline.
        Poll.until(
                "the log classified",
                Duration.ofSeconds(30),
                () -> api.get("/api/categories").json().get("unclassified").asLong() == 0);
        Path file = arena.dir().resolve("battles.jsonl");
        Files.writeString(file, api.get("/api/battles/export").text());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Recompute.run(
                List.of("--from", file.toString(), "--control", "style", "--category", "coding"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(printed).startsWith("2000 battles from").contains("in category coding");
        for (JsonNode r : style.get("rows")) {
            assertThat(printed)
                    .containsPattern(Pattern.quote(r.get("model").asText())
                            + String.format(
                                    Locale.ROOT,
                                    "\\s+%.1f\\s+%.1f \\.\\. %.1f",
                                    r.get("rating").asDouble(),
                                    r.get("ci_low").asDouble(),
                                    r.get("ci_high").asDouble()));
        }
        assertThat(printed)
                .containsPattern("length\\s+"
                        + Pattern.quote(String.format(
                                Locale.ROOT, "%+.1f", length.get("value").asDouble())));
    }

    @Test
    void speed_control_levels_models_that_win_by_being_fast() throws Exception {
        double planted = 0.8; // natural-log odds per doubling of tokens/s
        arena.start(plantedLog(
                List.of("fast:7b", "slow:7b", "steady:7b"),
                (random, model) -> {
                    double base = model.startsWith("fast") ? 60 : model.startsWith("slow") ? 15 : 30;
                    double tps = base * (0.6 + 0.8 * random.nextDouble());
                    return new SideRecord("An answer.", 200, tps, 150L + random.nextInt(100), 5000L, "stop", null, 0L);
                },
                (a, b) -> planted * Math.log(a.tokensPerSecond() / b.tokensPerSecond()) / Math.log(2)));
        Api api = arena.api();
        JsonNode plain = fittedPlainBoard(api);
        JsonNode speed = api.get("/api/leaderboard/bt?control=speed").json();

        assertThat(model(plain, 0)).isEqualTo("fast:7b");
        assertThat(row(plain, "fast:7b").get("ci_low").asDouble())
                .isGreaterThan(row(plain, "slow:7b").get("ci_high").asDouble());
        for (String model : List.of("fast:7b", "slow:7b", "steady:7b")) {
            JsonNode r = row(speed, model);
            assertThat(r.get("ci_low").asDouble()).as(model).isLessThanOrEqualTo(1000);
            assertThat(r.get("ci_high").asDouble()).as(model).isGreaterThanOrEqualTo(1000);
        }
        JsonNode tps = coefficient(speed, "tokens_per_second");
        assertThat(tps.get("ci_low").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(planted * ELO);
        assertThat(tps.get("ci_high").asDouble()).isGreaterThanOrEqualTo(planted * ELO);
        assertThat(tps.get("unit").asText()).isEqualTo("doubling");
    }

    @Test
    void the_ranking_tab_switches_to_style_control_and_to_a_category_and_says_what_voters_pay_for() throws Exception {
        arena.start(verboseLog(2.0));
        fittedPlainBoard(arena.api());
        Poll.until(
                "the log classified",
                Duration.ofSeconds(30),
                () -> arena.api()
                                .get("/api/categories")
                                .json()
                                .get("unclassified")
                                .asLong()
                        == 0);
        browser.driver().get(arena.url() + "/#bt");
        browser.await(d -> d.findElement(By.id("bt-status")).getText().contains("2000"));
        assertThat(headers()).contains("Swaps if", "Both bad").doesNotContain("Shift");
        assertThat(firstRow()).startsWith("1 verbose").containsPattern("\\d+ votes? go");

        browser.driver()
                .findElement(By.cssSelector("input[name=bt-control][value=style]"))
                .click();
        browser.await(d -> d.findElement(By.id("bt-status")).getText().contains("held equal"));
        assertThat(headers()).contains("Rating", "Shift").doesNotContain("Swaps if");
        String prices = browser.await(d -> {
            WebElement list = d.findElement(By.id("bt-coefficients"));
            return list.isDisplayed() && !list.getText().isEmpty() ? list.getText() : null;
        });
        assertThat(prices)
                .contains("one answer has twice the other's")
                .containsPattern("length: \\+\\d+, voters here reward it");

        new Select(browser.byId("bt-category")).selectByValue("coding");
        browser.await(d -> d.findElement(By.id("bt-status")).getText().contains("on coding prompts"));
        browser.click("tab-leaderboard");
        assertThat(new Select(browser.byId("leaderboard-category"))
                        .getFirstSelectedOption()
                        .getText())
                .as("one category choice for every board")
                .startsWith("Coding (2000)");
    }

    @Test
    void the_plain_board_tells_both_bad_votes_from_ties() throws Exception {
        arena.model("one:1b", "1.0B", "One (1B)", s -> s.answers("An", " answer."));
        arena.model("two:1b", "1.0B", "Two (1B)", s -> s.answers("Another", " answer."));
        arena.start();
        Api api = arena.api();
        for (String winner : List.of("both_bad", "tie", "a", "both_bad")) {
            String id = api.post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                    .json()
                    .get("id")
                    .asText();
            assertThat(Api.endStatus(api.events(id))).isEqualTo("ready");
            assertThat(api.post("/api/battles/" + id + "/vote", "{\"winner\": \"" + winner + "\"}")
                            .status())
                    .isEqualTo(200);
        }
        Poll.until(
                "the board has the 4 votes",
                Duration.ofSeconds(20),
                () -> api.get("/api/leaderboard/bt").json().get("battles").asLong() == 4);
        for (JsonNode r : api.get("/api/leaderboard/bt").json().get("rows")) {
            assertThat(r.get("both_bad_rate").asDouble())
                    .as(r.get("model").asText())
                    .isEqualTo(0.5);
        }
    }

    @Test
    void an_unknown_control_is_refused_and_controls_combine_with_categories() throws Exception {
        arena.model("one:1b", "1.0B", "One (1B)", s -> s.answers("An", " answer."));
        arena.model("two:1b", "1.0B", "Two (1B)", s -> s.answers("Another", " answer."));
        arena.start();
        Api.Response refused = arena.api().get("/api/leaderboard/bt?control=length");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("length", "style", "speed");
        JsonNode empty = arena.api()
                .get("/api/leaderboard/bt?control=style&category=coding")
                .json();
        assertThat(empty.get("category").asText()).isEqualTo("coding");
        assertThat(empty.get("rows")).isEmpty();
        assertThat(empty.get("battles").asLong()).isZero();
    }

    private List<String> headers() {
        return browser.driver().findElements(By.cssSelector("#bt-table th")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private String firstRow() {
        return browser.driver()
                .findElement(By.cssSelector("#bt-table tbody tr"))
                .getText();
    }

    private interface Answers {
        SideRecord answer(Random random, String model);
    }

    /** 2,000 voted battles between equally good models; {@code edge} is A's log-odds edge from what voters saw. */
    private ArenaConfig plantedLog(
            List<String> models, Answers answers, BiFunction<SideRecord, SideRecord, Double> edge) {
        TestArena.Builder builder = TestArena.config(arena.ollama().url(), arena.dir());
        for (String tag : models) {
            arena.ollama().model(tag, "7.0B").answers("An", " answer.");
            builder.model(tag, tag.substring(0, tag.indexOf(':')) + " (7B)", null);
        }
        ArenaConfig config = builder.build();
        Random random = new Random(11);
        try (OfflineBoards offline = new OfflineBoards(arena.dir(), config)) {
            for (int i = 0; i < 2000; i++) {
                String a = models.get(random.nextInt(3));
                String b = models.get((models.indexOf(a) + 1 + random.nextInt(2)) % 3);
                SideRecord sideA = answers.answer(random, a);
                SideRecord sideB = answers.answer(random, b);
                double aWins = 1 / (1 + Math.exp(-edge.apply(sideA, sideB)));
                offline.vote(a, b, random.nextDouble() < aWins ? Outcome.A : Outcome.B, CODE, sideA, sideB);
            }
        }
        return config;
    }

    /** Equally good models, one long-winded, one terse; voters pay {@code planted} log-odds per unit of length share. */
    private ArenaConfig verboseLog(double planted) {
        return plantedLog(
                List.of("verbose:7b", "terse:7b", "middle:7b"),
                (random, model) -> {
                    int base = model.startsWith("verbose") ? 350 : model.startsWith("terse") ? 60 : 200;
                    int tokens = base + random.nextInt(400);
                    // Markdown drawn apart from length and model: the voters here do not pay for it.
                    String text = "## Title\n".repeat(random.nextInt(3)) + "- item\n".repeat(random.nextInt(4))
                            + "An answer.";
                    return new SideRecord(text, tokens, 30.0, 200L, 5000L, "stop", null);
                },
                (a, b) -> planted * (a.evalCount() - b.evalCount()) / (double) (a.evalCount() + b.evalCount()));
    }

    /** The plain fit lands in the background a moment after start. */
    private static JsonNode fittedPlainBoard(Api api) throws Exception {
        Poll.until(
                "the plain board fitted",
                Duration.ofSeconds(30),
                () -> api.get("/api/leaderboard/bt").json().get("battles").asLong() == 2000);
        return api.get("/api/leaderboard/bt").json();
    }

    private static String model(JsonNode board, int index) {
        return board.get("rows").get(index).get("model").asText();
    }

    private static JsonNode row(JsonNode board, String model) {
        for (JsonNode r : board.get("rows")) {
            if (r.get("model").asText().equals(model)) {
                return r;
            }
        }
        throw new AssertionError("no " + model + " in " + board);
    }

    private static JsonNode coefficient(JsonNode board, String name) {
        for (JsonNode c : board.get("coefficients")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no coefficient " + name + " in " + board);
    }
}
