package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several Ollama servers: load spread across those that share a model, one that goes down skipped until it returns. */
class MultiHostTest {
    @TempDir
    Path dir;

    FakeOllama first;
    FakeOllama second;
    TestArena arena;

    @AfterEach
    void stop() {
        arena.close();
        first.close();
        second.close();
    }

    private static FakeOllama host(int port) throws Exception {
        FakeOllama ollama = port == 0 ? new FakeOllama() : new FakeOllama(port);
        ollama.model("one:1b", "1.0B").paced(40);
        ollama.model("two:1b", "1.0B").paced(40);
        return ollama;
    }

    @Test
    void battles_spread_over_both_hosts_survive_one_going_down_and_use_it_again_when_it_returns() throws Exception {
        first = host(0);
        second = host(0);
        int firstPort = first.port();
        arena = TestArena.start(
                dir,
                TestArena.config(first.url(), dir)
                        .hosts(List.of(first.url(), second.url()))
                        .model("one:1b", "One (1B)", null)
                        .model("two:1b", "Two (1B)", null)
                        .build());
        assertThat(arena.api.get("/api/health").json().get("hosts"))
                .hasSize(2)
                .allSatisfy(h -> assertThat(h.get("up").asBoolean()).isTrue());

        assertThat(battles(6)).containsOnly("ready");
        assertThat(first.requests("/api/chat")).as("chats on the first host").isNotEmpty();
        assertThat(second.requests("/api/chat")).as("chats on the second host").isNotEmpty();

        first.close();
        int onSecond = second.requests("/api/chat").size();
        assertThat(battles(4)).as("no battle fails while one host is down").containsOnly("ready");
        assertThat(second.requests("/api/chat").size() - onSecond).isEqualTo(8);
        arena.app.refreshModels();
        JsonNode health = arena.api.get("/api/health").json();
        assertThat(health.get("ollama").asText()).isEqualTo("up");
        assertThat(health.get("models_available").asInt()).isEqualTo(2);
        assertThat(health.get("hosts").get(0).get("up").asBoolean()).isFalse();
        assertThat(health.get("hosts").get(0).get("problem").asText()).contains(String.valueOf(firstPort));

        first = host(firstPort);
        arena.app.refreshModels();
        assertThat(arena.api
                        .get("/api/health")
                        .json()
                        .get("hosts")
                        .get(0)
                        .get("up")
                        .asBoolean())
                .isTrue();
        assertThat(battles(6)).containsOnly("ready");
        assertThat(first.requests("/api/chat"))
                .as("the host that came back serves again")
                .isNotEmpty();
    }

    /** Starts {@code count} battles at once and returns how each ended. */
    private List<String> battles(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(arena.api
                    .post("/api/battles", "{\"prompt\": \"Battle " + i + "\"}")
                    .json()
                    .get("id")
                    .asText());
        }
        return ids.stream().map(id -> Api.endStatus(arena.api.events(id))).toList();
    }
}
