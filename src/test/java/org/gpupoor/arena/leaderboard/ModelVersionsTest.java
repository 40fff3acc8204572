package org.gpupoor.arena.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.ModelScript;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Which model is it, exactly?": the operator pulls a tag again and Ollama serves other weights
 * under it. Its battles before and after are two entrants on the Bradley-Terry board, the old one
 * retired, so a new version neither inherits nor drags down the old one's rating.
 */
class ModelVersionsTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @Test
    void a_tag_pulled_again_is_a_new_entrant_and_its_old_version_is_retired() throws Exception {
        AtomicReference<ModelScript> script = new AtomicReference<>();
        arena.model("one:1b", "1.0B", "One (1B)", s -> script.set(s.answers("First", " answer.")));
        arena.model("two:1b", "1.0B", "Two (1B)", s -> s.answers("Second", " answer."));
        arena.start();
        ModelScript one = script.get();
        Api api = arena.api();
        String oldDigest = one.digest();
        assertThat(model(api, "one:1b").get("digest").asText()).isEqualTo(oldDigest);
        for (int i = 0; i < 4; i++) {
            battleWonBy(api, "one:1b");
        }

        one.repulled("v2");
        // The arena looks at Ollama's list again when a battle finds it older than a few seconds.
        Poll.until("the arena saw the new digest", Duration.ofSeconds(30), () -> {
            Api.endStatus(api.events(api.post("/api/battles", "{\"prompt\": \"Hi\"}")
                    .json()
                    .get("id")
                    .asText()));
            return model(api, "one:1b").get("digest").asText().equals(one.digest());
        });
        for (int i = 0; i < 4; i++) {
            battleWonBy(api, "two:1b");
        }

        Poll.until(
                "the board has all 8 votes",
                Duration.ofSeconds(20),
                () -> api.get("/api/leaderboard/bt").json().get("battles").asLong() == 8);
        JsonNode board = api.get("/api/leaderboard/bt").json();
        JsonNode current = row(board, "one:1b");
        JsonNode old = row(board, "one:1b@" + oldDigest.substring(0, 12));
        assertThat(old.get("battles").asLong()).isEqualTo(4);
        assertThat(old.get("retired").asBoolean()).isTrue();
        assertThat(old.get("name").asText()).startsWith("One (1B), version of ");
        assertThat(current.get("battles").asLong()).isEqualTo(4);
        assertThat(current.get("retired").asBoolean()).isFalse();
        assertThat(current.get("name").asText()).startsWith("One (1B), since ");
        assertThat(current.get("since").asText()).isNotEmpty();
        assertThat(old.get("rating").asDouble())
                .as("the old version won all its battles, the new one lost all of its")
                .isGreaterThan(current.get("rating").asDouble());
        assertThat(row(board, "two:1b").get("battles").asLong()).isEqualTo(8);
        assertThat(row(board, "two:1b").get("since").isNull()).isTrue();
        // The original's boards keep counting the tag as one model, as the original does.
        assertThat(api.get("/api/leaderboard").json().get("rows").findValuesAsText("model"))
                .containsExactlyInAnyOrder("one:1b", "two:1b");
    }

    /** Runs a battle to its end and votes for the side {@code winner} sat on. */
    private static void battleWonBy(Api api, String winner) throws Exception {
        String id = api.post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                .json()
                .get("id")
                .asText();
        assertThat(Api.endStatus(api.events(id))).isEqualTo("ready");
        // The answers give the models away to the test (not to a voter): "First" is one:1b's.
        String a = api.get("/api/battles/" + id)
                .json()
                .get("answers")
                .get("a")
                .get("text")
                .asText();
        boolean aIsOne = a.startsWith("First");
        boolean voteA = aIsOne == winner.equals("one:1b");
        assertThat(api.post("/api/battles/" + id + "/vote", "{\"winner\": \"" + (voteA ? "a" : "b") + "\"}")
                        .status())
                .isEqualTo(200);
    }

    private static JsonNode model(Api api, String tag) {
        for (JsonNode m : api.get("/api/models").json().get("models")) {
            if (m.get("tag").asText().equals(tag)) {
                return m;
            }
        }
        throw new AssertionError("no " + tag);
    }

    private static JsonNode row(JsonNode board, String model) {
        for (JsonNode r : board.get("rows")) {
            if (r.get("model").asText().equals(model)) {
                return r;
            }
        }
        throw new AssertionError("no " + model + " in " + board);
    }
}
