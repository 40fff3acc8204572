package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The arena asks no more of Ollama than configured, tells waiting voters their place, and drops abandoned battles. */
class CapacityTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @Test
    void battles_beyond_the_cap_wait_in_line_and_are_told_their_place() throws Exception {
        arena.ollama().model("one:1b", "1.0B").answers("a", "b", "c", "d", "e").paced(60);
        arena.ollama().model("two:1b", "1.0B").answers("v", "w", "x", "y", "z").paced(60);
        arena.start(c -> c.capacity(1, 60).model("one:1b", "One (1B)", null).model("two:1b", "Two (1B)", null));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(arena.api()
                    .post("/api/battles", "{\"prompt\": \"Go " + i + "\"}")
                    .json()
                    .get("id")
                    .asText());
        }
        List<CompletableFuture<List<Api.Event>>> streams = ids.stream()
                .map(id -> CompletableFuture.supplyAsync(() -> arena.api().events(id)))
                .toList();
        List<List<Api.Event>> events = new ArrayList<>();
        for (var s : streams) {
            events.add(s.get());
        }

        assertThat(events).allSatisfy(e -> assertThat(Api.endStatus(e)).isEqualTo("ready"));
        assertThat(positions(events.get(0))).isEmpty();
        assertThat(positions(events.get(1))).containsExactly(1);
        assertThat(positions(events.get(2))).containsExactly(2, 1);
        assertThat(arena.ollama().mostOpenStreams()).isEqualTo(2);
    }

    @Test
    void a_battle_nobody_watches_is_stopped_and_frees_its_place() throws Exception {
        String[] slow = new String[300];
        java.util.Arrays.fill(slow, "word ");
        arena.ollama().model("one:1b", "1.0B").answers(slow).paced(100);
        arena.ollama().model("two:1b", "1.0B").answers(slow).paced(100);
        arena.start(c -> c.capacity(1, 5)
                .deadlines(60, 120)
                .model("one:1b", "One (1B)", null)
                .model("two:1b", "Two (1B)", null));

        String running = arena.api()
                .post("/api/battles", "{\"prompt\": \"Left alone\"}")
                .json()
                .get("id")
                .asText();
        String waiting = arena.api()
                .post("/api/battles", "{\"prompt\": \"Also left\"}")
                .json()
                .get("id")
                .asText();
        // Watched only through the database: reading the battle over HTTP would count as watching it.
        assertThat(logged(running)[0]).isEqualTo("generating");

        Instant started = Instant.now();
        Poll.until(
                "abandoned battles are stopped",
                Duration.ofSeconds(40),
                () -> logged(running)[0].equals("failed") && logged(waiting)[0].equals("failed"));
        System.out.printf(
                "abandoned battles stopped %d ms after creation (abandon_after_seconds: 5)%n",
                Duration.between(started, Instant.now()).toMillis());
        assertThat(logged(waiting)[1]).containsAnyOf("Nobody was watching", "abandoned");
        assertThat(logged(running)[1]).contains("abandoned");
        assertThat(arena.ollama().awaitNoOpenStreams(Duration.ofSeconds(15)))
                .as("the abandoned generations end")
                .isTrue();

        arena.ollama().model("one:1b", "1.0B").answers("Quick", " now.");
        arena.ollama().model("two:1b", "1.0B").answers("Also", " quick.");
        String next = arena.api()
                .post("/api/battles", "{\"prompt\": \"Watched\"}")
                .json()
                .get("id")
                .asText();
        List<Api.Event> events = arena.api().events(next, null, Duration.ofSeconds(30));
        assertThat(Api.endStatus(events)).isEqualTo("ready");
    }

    private String[] logged(String id) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(arena.logUrl());
                var s = c.prepareStatement("SELECT status, failure FROM battles WHERE id = ?")) {
            s.setString(1, id);
            try (var r = s.executeQuery()) {
                r.next();
                return new String[] {r.getString(1), String.valueOf(r.getString(2))};
            }
        }
    }

    private static List<Integer> positions(List<Api.Event> events) {
        return events.stream()
                .filter(e -> e.name().equals("queued"))
                .map(e -> e.data().get("position").asInt())
                .toList();
    }
}
