package org.gpupoor.arena.matchmaking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recent opponents that fair pairing avoids are kept in memory: they must follow every battle as it starts. */
class RecentOpponentsTest {
    @TempDir
    Path dir;

    @Test
    void a_model_never_meets_one_of_its_last_five_opponents_again_while_others_are_fresh() throws Exception {
        try (FakeOllama ollama = new FakeOllama()) {
            ollama.withoutPs(); // no word on what is loaded: the fair strategy pairs
            TestArena.Builder config = TestArena.config(ollama.url(), dir);
            for (int m = 1; m <= 7; m++) {
                ollama.model("m" + m + ":1b", "1.0B").answers("Rivers", " run.");
                config.model("m" + m + ":1b", "Model " + m + " (1B)", null);
            }
            try (TestArena arena = TestArena.start(dir, config.build())) {
                List<List<String>> pairs = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    String id = arena.api
                            .post("/api/battles", "{\"prompt\": \"Tell me a fact.\"}")
                            .json()
                            .get("id")
                            .asText();
                    assertThat(Api.endStatus(arena.api.events(id))).isEqualTo("ready");
                    JsonNode models = arena.api
                            .post("/api/battles/" + id + "/vote", "{\"winner\": \"tie\"}")
                            .json()
                            .get("models");
                    pairs.add(List.of(
                            models.get("a").get("tag").asText(),
                            models.get("b").get("tag").asText()));
                }
                // Whichever of the two was picked first, its opponent was not among its last five.
                for (int i = 0; i < pairs.size(); i++) {
                    String a = pairs.get(i).get(0);
                    String b = pairs.get(i).get(1);
                    List<List<String>> before = pairs.subList(0, i);
                    assertThat(lastFive(before, a).contains(b)
                                    && lastFive(before, b).contains(a))
                            .as("battle %d of %s", i + 1, pairs)
                            .isFalse();
                }
            }
        }
    }

    private static Set<String> lastFive(List<List<String>> battles, String model) {
        java.util.LinkedHashSet<String> opponents = new java.util.LinkedHashSet<>();
        for (int i = battles.size() - 1; i >= 0 && opponents.size() < 5; i--) {
            List<String> pair = battles.get(i);
            if (pair.contains(model)) {
                opponents.add(pair.get(0).equals(model) ? pair.get(1) : pair.get(0));
            }
        }
        return opponents;
    }
}
