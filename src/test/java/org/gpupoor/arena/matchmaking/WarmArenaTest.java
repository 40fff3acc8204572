package org.gpupoor.arena.matchmaking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.GenerationSettings;
import org.gpupoor.arena.config.Matchmaking;
import org.gpupoor.arena.config.OllamaSettings;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.GpuMemory;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole arena against the Ollama test server's scheduler: what a voter sees of loading. */
class WarmArenaTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .startedByTest()
            .model("m1:2b", "2B", "M1 (2B)", m -> m.footprint(2.0).answers("One ", "answer."))
            .model("m2:2b", "2B", "M2 (2B)", m -> m.footprint(2.0).answers("Two ", "answer."))
            .model("m3:2b", "2B", "M3 (2B)", m -> m.footprint(2.0).answers("Three ", "answer."))
            .model("m4:2b", "2B", "M4 (2B)", m -> m.footprint(2.0).answers("Four ", "answer."));

    /** 6.5 GB that load at 4 GB/s: a cold 2 GB model takes half a second. */
    private TestArena start(String strategy, Double memoryGb) {
        return start(strategy, memoryGb, 2);
    }

    private TestArena start(String strategy, Double memoryGb, int slots) {
        ArenaConfig base = TestArena.config(arena.ollama().url(), arena.dir())
                .model("m1:2b", "M1 (2B)", null)
                .model("m2:2b", "M2 (2B)", null)
                .model("m3:2b", "M3 (2B)", null)
                .model("m4:2b", "M4 (2B)", null)
                .capacity(slots, 60)
                .build();
        return arena.start(base.toBuilder()
                .ollama(new OllamaSettings(arena.ollama().url(), null, false, List.of(), memoryGb))
                .generation(new GenerationSettings(0.5, 256, 42, "5m", "auto"))
                .matchmaking(new Matchmaking(strategy, null))
                .build());
    }

    private static List<Api.Event> named(List<Api.Event> events, String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    private String battle() {
        return arena.api()
                .post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                .json()
                .get("id")
                .asText();
    }

    private long looksSincePreload() {
        List<FakeOllama.Request> requests = arena.ollama().requests();
        int last = -1;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).path().equals("/api/generate")
                    && requests.get(i).body().path("prompt").isMissingNode()) {
                last = i;
            }
        }
        return last < 0
                ? 0
                : requests.subList(last, requests.size()).stream()
                        .filter(r -> r.path().equals("/api/ps"))
                        .count();
    }

    private long preloads() {
        return arena.ollama().requests("/api/generate").stream()
                .filter(r -> r.body().path("prompt").isMissingNode()
                        && !r.body().path("keep_alive").asText().equals("0"))
                .count();
    }

    @Test
    void a_cold_battle_says_its_models_load_and_the_next_one_starts_warm() throws Exception {
        arena.ollama().gpu(new GpuMemory.Settings(6_500_000_000L, 4e9, 3, 1, 1.0));
        start("warm", 6.5);

        List<Api.Event> first = arena.api().events(battle());
        assertThat(Api.endStatus(first)).isEqualTo("ready");
        assertThat(named(first, "started"))
                .allSatisfy(e -> assertThat(e.data().get("loading").asBoolean()).isTrue());
        assertThat(named(first, "done"))
                .allSatisfy(e -> assertThat(e.data().get("load_ms").asLong()).isGreaterThanOrEqualTo(400));
        // While the voter reads, the arena loads the next pair's missing model.
        Poll.until(
                "the next pair is preloaded",
                Duration.ofSeconds(10),
                () -> arena.ollama().gpu().residents().size() == 3);
        // ...and has looked at /api/ps since (a look in flight when the load ended may be older).
        Poll.until("the arena has seen it", Duration.ofSeconds(10), () -> looksSincePreload() >= 2);

        List<Api.Event> second = arena.api().events(battle());

        assertThat(named(second, "started"))
                .allSatisfy(e -> assertThat(e.data().get("loading").asBoolean()).isFalse());
        assertThat(named(second, "done"))
                .allSatisfy(e -> assertThat(e.data().get("load_ms").asLong()).isLessThan(100));
        assertThat(preloads()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_battle_that_waited_in_line_is_paired_when_it_starts_and_reveals_the_models_that_answered() throws Exception {
        arena.ollama().gpu(new GpuMemory.Settings(6_500_000_000L, 4e9, 3, 1, 1.0));
        start("warm", 6.5, 1);

        String first = battle();
        String second = battle(); // waits for the first
        List<Api.Event> waited = arena.api().events(second);
        assertThat(named(waited, "queued")).isNotEmpty();
        assertThat(Api.endStatus(arena.api().events(first))).isEqualTo("ready");
        assertThat(Api.endStatus(waited)).isEqualTo("ready");

        var revealed = arena.api()
                .post("/api/battles/" + second + "/vote", "{\"winner\": \"a\"}")
                .json()
                .get("models");
        for (String side : List.of("a", "b")) {
            String tag = revealed.get(side).get("tag").asText();
            String streamed = named(waited, "token").stream()
                    .filter(e -> e.data().get("side").asText().equals(side))
                    .map(e -> e.data().get("text").asText())
                    .findFirst()
                    .orElseThrow();
            String expected = switch (tag) {
                case "m1:2b" -> "One ";
                case "m2:2b" -> "Two ";
                case "m3:2b" -> "Three ";
                default -> "Four ";
            };
            assertThat(streamed).as("side %s was answered by %s", side, tag).isEqualTo(expected);
        }
    }

    @Test
    void with_the_fair_strategy_nothing_is_preloaded() throws Exception {
        arena.ollama().gpu(new GpuMemory.Settings(6_000_000_000L, 40e9, 3, 1, 1.0));
        start("fair", 6.0);

        for (int i = 0; i < 3; i++) {
            String id = battle();
            assertThat(Api.endStatus(arena.api().events(id))).isEqualTo("ready");
            assertThat(arena.api()
                            .post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                            .status())
                    .isEqualTo(200);
        }

        assertThat(preloads()).isZero();
    }

    @Test
    void an_ollama_without_ps_gets_the_original_pairing_and_one_answer_at_a_time() throws Exception {
        arena.ollama().withoutPs();
        start("warm", null);

        for (int i = 0; i < 3; i++) {
            List<Api.Event> events = arena.api().events(battle());
            assertThat(Api.endStatus(events)).isEqualTo("ready");
            assertThat(named(events, "started"))
                    .allSatisfy(
                            e -> assertThat(e.data().get("loading").asBoolean()).isFalse());
        }

        assertThat(preloads()).isZero();
        assertThat(arena.ollama().mostOpenStreams()).isEqualTo(1);
        assertThat(arena.ollama().requests("/api/ps")).isNotEmpty();
    }
}
