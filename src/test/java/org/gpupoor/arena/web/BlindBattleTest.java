package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nobody learns a blind battle's models from the arena's public responses: every one of them
 * reads the same before and after a battle is generated, and after someone else's vote, until the
 * battle itself is voted on. Which models may battle is steered through what the fake Ollama has.
 */
class BlindBattleTest {
    private static final List<String> PUBLIC_JSON = List.of(
            "/api/health",
            "/api/arena",
            "/api/models",
            "/api/leaderboard",
            "/api/leaderboard/elo",
            "/api/leaderboard/bt",
            "/api/leaderboard/matrix",
            "/api/leaderboard/elo/history",
            "/api/leaderboard/head-to-head",
            "/api/battles/export");
    private static final List<String> BLIND = List.of("one:1b", "two:1b");
    private static final List<String> OTHERS = List.of("three:1b", "four:1b");

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .config(c -> c.model("one:1b", "One (1B)", null)
                    .model("two:1b", "Two (1B)", null)
                    .model("three:1b", "Three (1B)", null)
                    .model("four:1b", "Four (1B)", null));

    @BeforeEach
    void start() throws Exception {
        // One voted battle per pair first, so every model has speeds, ratings and metrics to give away.
        offer(BLIND);
        vote(readyBattle(), "a");
        offer(OTHERS);
        vote(readyBattle(), "b");
        awaitStrengthBoard(2);
        offer(BLIND);
    }

    @Test
    void no_public_response_changes_while_a_battle_waits_for_its_vote() throws Exception {
        Map<String, String> before = everythingPublic();
        String blind = readyBattle();
        assertThat(everythingPublic()).isEqualTo(before);

        Map<String, String> blindFacts = modelFacts(BLIND);
        offer(OTHERS);
        vote(readyBattle(), "tie");
        awaitStrengthBoard(3);
        Map<String, String> othersAfterVote = modelFacts(OTHERS);
        assertThat(modelFacts(BLIND))
                .as("someone else's vote refreshes the boards, not the blind battle's models")
                .isEqualTo(blindFacts);

        vote(blind, "a");
        awaitStrengthBoard(4);
        Map<String, String> revealed = modelFacts(BLIND);
        for (String model : BLIND) {
            assertThat(revealed.get(model + " metrics"))
                    .as("its vote closes the battle: %s is counted now", model)
                    .isNotEqualTo(blindFacts.get(model + " metrics"));
            assertThat(revealed.get(model + " /api/leaderboard/bt"))
                    .isNotEqualTo(blindFacts.get(model + " /api/leaderboard/bt"));
        }
        assertThat(modelFacts(OTHERS)).isEqualTo(othersAfterVote);
    }

    /** Every public response, with what moves by itself (the time of Ollama's last check) taken out. */
    private Map<String, String> everythingPublic() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String path : PUBLIC_JSON) {
            Api.Response response = arena.api().get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            JsonNode body = response.json();
            if (body instanceof ObjectNode object) {
                object.remove("checked_at");
            }
            all.put(path, body == null ? response.text() : body.toString());
            response.raw().headers().firstValue("ETag").ifPresent(tag -> all.put(path + " ETag", tag));
        }
        // Every series of the arena's own but the request and battle counters, which move with any battle.
        all.put(
                "/metrics",
                arena.api()
                        .get("/metrics")
                        .text()
                        .lines()
                        .filter(l -> l.startsWith("arena_")
                                && !l.startsWith("arena_http_")
                                && !l.startsWith("arena_battles_"))
                        .sorted()
                        .collect(Collectors.joining("\n")));
        return all;
    }

    /** What the public responses say about each of {@code models}. */
    private Map<String, String> modelFacts(List<String> models) {
        Map<String, String> facts = new LinkedHashMap<>();
        String metrics = arena.api().get("/metrics").text();
        JsonNode catalog = arena.api().get("/api/models").json().get("models");
        for (String model : models) {
            facts.put(model + " metrics", modelSeries(metrics, model));
            for (String board : List.of("/api/leaderboard", "/api/leaderboard/elo", "/api/leaderboard/bt")) {
                JsonNode row = rowOf(arena.api().get(board).json().get("rows"), "model", model);
                facts.put(model + " " + board, row.get("battles") + " " + row.get("speed"));
            }
            JsonNode entry = rowOf(catalog, "tag", model);
            facts.put(model + " /api/models", entry.get("battles") + " " + entry.get("last_error"));
        }
        return facts;
    }

    /** The metric lines labelled with {@code model}, or with any model when it is null. */
    private static String modelSeries(String metrics, String model) {
        String label = model == null ? "model=\"" : "model=\"" + model + "\"";
        return metrics.lines()
                .filter(l -> !l.startsWith("#") && l.contains(label))
                .sorted()
                .collect(Collectors.joining("\n"));
    }

    private static JsonNode rowOf(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.path(field).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + value + " in " + rows);
    }

    /** Makes Ollama have only {@code models}, so the next battle is between those two. */
    private void offer(List<String> models) {
        for (String tag : List.of("one:1b", "two:1b", "three:1b", "four:1b")) {
            if (models.contains(tag)) {
                arena.ollama()
                        .model(tag, "1.0B")
                        .answers("An", " answer", " from ", tag.substring(0, tag.indexOf(':')), ".");
            } else {
                arena.ollama().remove(tag);
            }
        }
        arena.app().refreshModels();
    }

    private String readyBattle() {
        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                .json()
                .get("id")
                .asText();
        assertThat(Api.endStatus(arena.api().events(id))).isEqualTo("ready");
        return id;
    }

    private void vote(String id, String winner) {
        assertThat(arena.api()
                        .post("/api/battles/" + id + "/vote", "{\"winner\": \"" + winner + "\"}")
                        .status())
                .isEqualTo(200);
    }

    private void awaitStrengthBoard(int battles) throws Exception {
        Poll.until(
                "the Bradley-Terry board counts " + battles + " battles",
                Duration.ofSeconds(10),
                () -> arena.api()
                                .get("/api/leaderboard/bt")
                                .json()
                                .get("battles")
                                .asInt()
                        == battles);
    }
}
