package org.gpupoor.arena.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRICKY_PROMPT = "=SUM(A1), then say \"hi\"\nand a comma, ok?";
    private static final List<String> VOTES = List.of("a", "b", "tie", "both_bad", "a", "a", "b");

    @TempDir
    Path dir;

    private TestArena start(FakeOllama ollama, boolean withText) {
        ollama.model("alpha:1b", "1.0B").answers("Sunny", " says, \"yes\".");
        ollama.model("beta:3b", "3.0B").answers("Rainy", " answers.");
        ollama.model("gamma:7b", "7.0B").answers("Windy", " replies.");
        TestArena.Builder config = TestArena.config(ollama.url(), dir)
                .model("alpha:1b", "Alpha (1B)", null)
                .model("beta:3b", "Beta (3B)", null)
                .model("gamma:7b", "Gamma (7B)", null);
        return TestArena.start(dir, (withText ? config : config.withoutTextInExports()).build());
    }

    /** Runs the battles, votes on all but the last, and returns the voted ids in vote order. */
    private static List<String> battleAndVote(Api api) {
        List<String> voted = new ArrayList<>();
        for (int i = 0; i <= VOTES.size(); i++) {
            String prompt = i == 0 ? TRICKY_PROMPT : "Question " + i;
            String id = api.post("/api/battles", Api.json(java.util.Map.of("prompt", prompt)))
                    .json()
                    .get("id")
                    .asText();
            assertThat(Api.endStatus(api.events(id))).isEqualTo("ready");
            if (i < VOTES.size()) {
                assertThat(api.post("/api/battles/" + id + "/vote", "{\"winner\": \"" + VOTES.get(i) + "\"}")
                                .status())
                        .isEqualTo(200);
                voted.add(id);
            }
        }
        return voted;
    }

    @Test
    void the_jsonl_export_holds_every_voted_battle_in_vote_order_with_dataset_field_names() throws Exception {
        try (FakeOllama ollama = new FakeOllama();
                TestArena arena = start(ollama, true)) {
            List<String> voted = battleAndVote(arena.api);
            // Prompts are classified in the background; the file is the same once they are.
            Poll.until(
                    "prompts classified",
                    Duration.ofSeconds(20),
                    () -> arena.api
                                    .get("/api/categories")
                                    .json()
                                    .get("unclassified")
                                    .asLong()
                            == 0);
            Api.Response response = arena.api.get("/api/battles/export?format=jsonl");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.raw().headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/x-ndjson");
            assertThat(response.raw()
                            .headers()
                            .firstValue("Content-Disposition")
                            .orElse(""))
                    .contains("attachment")
                    .contains(".jsonl");
            String[] lines = response.text().split("\n");
            assertThat(lines).hasSize(VOTES.size());
            for (int i = 0; i < lines.length; i++) {
                JsonNode battle = JSON.readTree(lines[i]);
                // Published under a digest: the battle id itself would open the battle to anyone.
                String published = battle.get("question_id").asText();
                assertThat(published).matches("[0-9a-f]{32}").isNotEqualTo(voted.get(i));
                assertThat(arena.api.get("/api/battles/" + published).status()).isEqualTo(404);
                JsonNode view = arena.api.get("/api/battles/" + voted.get(i)).json();
                assertThat(battle.get("model_a").asText())
                        .isEqualTo(view.get("models").get("a").get("tag").asText());
                assertThat(battle.get("model_b").asText())
                        .isEqualTo(view.get("models").get("b").get("tag").asText());
                assertThat(battle.get("winner").asText())
                        .isEqualTo(
                                switch (VOTES.get(i)) {
                                    case "a" -> "model_a";
                                    case "b" -> "model_b";
                                    case "tie" -> "tie";
                                    default -> "tie (bothbad)";
                                });
                String modelA = battle.get("model_a").asText();
                JsonNode conversation = battle.get("conversation_a");
                assertThat(conversation.get(0).get("role").asText()).isEqualTo("user");
                assertThat(conversation.get(0).get("content").asText())
                        .isEqualTo(i == 0 ? TRICKY_PROMPT : "Question " + i);
                assertThat(conversation.get(1).get("role").asText()).isEqualTo("assistant");
                assertThat(conversation.get(1).get("content").asText())
                        .startsWith(
                                modelA.startsWith("alpha") ? "Sunny" : modelA.startsWith("beta") ? "Rainy" : "Windy");
                assertThat(battle.get("size_a_b").asDouble())
                        .isEqualTo(Double.parseDouble(modelA.replaceAll(".*:(\\d+)b", "$1")));
                assertThat(battle.get("metrics_a").get("answer_tokens").asInt()).isEqualTo(2);
                assertThat(battle.get("metrics_b").get("tokens_per_second").asDouble())
                        .isPositive();
                assertThat(battle.get("turn").asInt()).isEqualTo(1);
                assertThat(battle.get("categories").isArray()).isTrue();
                assertThat(battle.get("metrics_a").get("headers").asInt()).isZero();
                assertThat(battle.get("anony").asBoolean()).isTrue();
                assertThat(battle.get("tstamp").asDouble()).isPositive();
            }
            assertThat(arena.api.get("/api/battles/export?format=xml").status()).isEqualTo(400);
            assertThat(arena.api
                            .get("/api/battles/export?format=xml")
                            .json()
                            .get("message")
                            .asText())
                    .contains("jsonl or csv");
            assertThat(arena.api
                            .get("/api/arena")
                            .json()
                            .get("publishes_prompts")
                            .asBoolean())
                    .isTrue();
            // Omitting the format means JSON lines, and the same log gives the same file.
            assertThat(arena.api.get("/api/battles/export").text()).isEqualTo(response.text());
        }
    }

    @Test
    void the_csv_export_quotes_text_and_defuses_formulas() throws Exception {
        try (FakeOllama ollama = new FakeOllama();
                TestArena arena = start(ollama, true)) {
            battleAndVote(arena.api);
            Api.Response response = arena.api.get("/api/battles/export?format=csv");
            assertThat(response.raw().headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/csv");
            List<List<String>> rows = Csv.parse(response.text());
            List<String> header = rows.get(0);
            assertThat(header).startsWith("question_id", "tstamp").endsWith("prompt", "response_a", "response_b");
            assertThat(rows).hasSize(1 + VOTES.size());
            List<String> first = rows.get(1);
            assertThat(first).hasSize(header.size());
            assertThat(first.get(header.indexOf("prompt"))).isEqualTo("'" + TRICKY_PROMPT);
            assertThat(first.get(header.indexOf("winner"))).isEqualTo("model_a");
            String answerA = first.get(header.indexOf("response_a"));
            assertThat(answerA).endsWith(".").matches("(Sunny says, \"yes\"|Rainy answers|Windy replies)\\.");
            assertThat(rows.get(4).get(header.indexOf("winner"))).isEqualTo("tie (bothbad)");
        }
    }

    @Test
    void an_operator_can_keep_prompts_and_answers_out_of_the_export() throws Exception {
        try (FakeOllama ollama = new FakeOllama();
                TestArena arena = start(ollama, false)) {
            battleAndVote(arena.api);
            String jsonl = arena.api.get("/api/battles/export?format=jsonl").text();
            assertThat(jsonl).doesNotContain("Question").doesNotContain("Sunny").doesNotContain("conversation");
            assertThat(arena.api
                            .get("/api/arena")
                            .json()
                            .get("publishes_prompts")
                            .asBoolean())
                    .isFalse();
            assertThat(JSON.readTree(jsonl.split("\n")[0])
                            .get("metrics_a")
                            .get("answer_tokens")
                            .asInt())
                    .isEqualTo(2);
            String csv = arena.api.get("/api/battles/export?format=csv").text();
            assertThat(csv).doesNotContain("Question").doesNotContain("prompt").doesNotContain("Sunny");
            assertThat(Csv.parse(csv)).hasSize(1 + VOTES.size());
        }
    }

    @Test
    void recompute_from_an_export_prints_the_same_boards_the_server_shows() throws Exception {
        try (FakeOllama ollama = new FakeOllama();
                TestArena arena = start(ollama, true)) {
            battleAndVote(arena.api);
            Path file = dir.resolve("battles.jsonl");
            Files.writeString(
                    file, arena.api.get("/api/battles/export?format=jsonl").text());
            Poll.until(
                    "the Bradley-Terry board has every vote",
                    Duration.ofSeconds(20),
                    () -> arena.api
                                    .get("/api/leaderboard/bt")
                                    .json()
                                    .get("battles")
                                    .asInt()
                            == VOTES.size());
            String printed = recompute("--from", file.toString(), "--max-size-b", "7");
            assertThat(printed).startsWith(VOTES.size() + " battles from ");
            for (JsonNode row : arena.api.get("/api/leaderboard").json().get("rows")) {
                assertThat(printed)
                        .containsPattern(String.format(
                                        java.util.Locale.ROOT,
                                        "%d\\s+%s\\s+\\d+\\s+%d\\s+%d\\s+%d\\s+%d\\s+%.4f\\s+%.4f",
                                        row.get("rank").asInt(),
                                        row.get("model").asText(),
                                        row.get("wins").asInt(),
                                        row.get("losses").asInt(),
                                        row.get("ties").asInt(),
                                        row.get("battles").asInt(),
                                        row.get("win_rate").asDouble(),
                                        row.get("score").asDouble())
                                .replace(".", "\\."));
            }
            for (JsonNode row : arena.api.get("/api/leaderboard/elo").json().get("rows")) {
                assertThat(printed)
                        .containsPattern(row.get("model").asText() + "\\s+\\S+\\s+"
                                + String.format(
                                                java.util.Locale.ROOT,
                                                "%.1f",
                                                row.get("rating").asDouble())
                                        .replace(".", "\\."));
            }
            for (JsonNode row : arena.api.get("/api/leaderboard/bt").json().get("rows")) {
                assertThat(printed)
                        .containsPattern(row.get("model").asText() + "\\s+"
                                + String.format(
                                                java.util.Locale.ROOT,
                                                "%.1f\\s+%.1f \\.\\. %.1f",
                                                row.get("rating").asDouble(),
                                                row.get("ci_low").asDouble(),
                                                row.get("ci_high").asDouble())
                                        .replace(".", "\\.")
                                        .replace("\\\\.\\\\.", "\\.\\."));
            }
        }
    }

    @Test
    void a_broken_file_is_refused_with_its_line_and_nothing_printed() throws Exception {
        Path file = dir.resolve("broken.jsonl");
        Files.writeString(file, """
                {"model_a": "x:1b", "model_b": "y:1b", "winner": "model_a"}
                {"model_a": "x:1b", "model_b": "y:1b", "winner": "model_c"}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Recompute.run(
                List.of("--from", file.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("broken.jsonl line 2: winner must be model_a, model_b, tie");
        Files.writeString(file, "{\"model_a\": \"x:1b\", \"model_b\": \n");
        assertThat(Recompute.run(List.of("--from", file.toString()), new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
        assertThat(Recompute.run(
                        List.of("--from", dir.resolve("missing.jsonl").toString()),
                        new PrintStream(out),
                        new PrintStream(err)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("not valid JSON")
                .contains("No such file");
    }

    @Test
    void a_json_array_in_the_public_datasets_shape_is_read_too() throws Exception {
        Path file = dir.resolve("clean_battle.json");
        Files.writeString(file, """
                [{"model_a": "x", "model_b": "y", "winner": "model_a", "tstamp": 1},
                 {"model_a": "y", "model_b": "x", "winner": "tie (bothbad)", "tstamp": 2},
                 {"model_a": "x", "model_b": "y", "winner": "model_a", "tstamp": 3}]
                """);
        String printed = recompute("--from", file.toString());
        assertThat(printed).startsWith("3 battles from ");
        // x: 2 wins + half of the both-bad tie in 3 battles: win rate 0.8333, score 0.625.
        assertThat(printed).containsPattern("1\\s+x\\s+\\?\\s+2\\s+0\\s+1\\s+3\\s+0\\.8333\\s+0\\.6250");
        assertThat(printed).contains("(size unknown: not rated)");
        assertThat(printed).containsPattern("x\\s+1\\d{3}\\.\\d");
    }

    private static String recompute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Recompute.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
