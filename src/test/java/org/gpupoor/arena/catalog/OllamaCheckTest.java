package org.gpupoor.arena.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Looking at Ollama's model list never holds up the server: not at start, not when a battle begins. */
class OllamaCheckTest {
    @TempDir
    Path dir;

    final FakeOllama ollama;
    final CountDownLatch modelList = new CountDownLatch(1);
    TestArena arena;
    ScheduledExecutorService background;

    OllamaCheckTest() throws Exception {
        ollama = new FakeOllama();
        ollama.model("one:1b", "1.0B");
        ollama.model("two:1b", "1.0B");
    }

    @AfterEach
    void stop() {
        modelList.countDown();
        if (arena != null) {
            arena.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
        ollama.close();
    }

    @Test
    void the_arena_answers_before_ollama_has_listed_its_models_and_says_it_is_still_checking() throws Exception {
        ollama.holdModelList(modelList);
        arena = TestArena.startWithoutWaiting(dir, config());

        JsonNode health = arena.api.get("/api/health").json();
        assertThat(health.get("ollama").asText()).isEqualTo("checking");
        assertThat(arena.api.get("/api/models").json().get("ollama").asText()).isEqualTo("checking");
        arena.app.awaitBoards(); // from the log: they never wait for Ollama
        assertThat(arena.api.get("/api/leaderboard").status()).isEqualTo(200);

        modelList.countDown();
        Poll.until(
                "the first check is answered",
                Duration.ofSeconds(10),
                () -> arena.api.get("/api/health").json().get("ollama").asText().equals("up"));
        assertThat(arena.api.get("/api/health").json().get("models_available").asInt())
                .isEqualTo(2);
    }

    @Test
    void an_old_model_list_is_served_at_once_while_a_new_one_is_fetched_in_the_background() throws Exception {
        ManualClock clock = new ManualClock();
        background = Executors.newSingleThreadScheduledExecutor();
        ArenaConfig config = config();
        ModelCatalog catalog = new ModelCatalog(config, new OllamaGateway(config, background), clock, background);
        assertThat(catalog.refresh().available()).hasSize(2);

        ollama.remove("two:1b");
        ollama.holdModelList(modelList);
        clock.advance(Duration.ofSeconds(6));
        CatalogSnapshot served =
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> catalog.fresh(Duration.ofSeconds(5)));
        assertThat(served.available())
                .as("the last list, without waiting for Ollama")
                .hasSize(2);

        modelList.countDown();
        Poll.until(
                "the background check has seen the removed model",
                Duration.ofSeconds(10),
                () -> catalog.current().available().size() == 1);
    }

    private ArenaConfig config() {
        return TestArena.config(ollama.url(), dir)
                .model("one:1b", "One (1B)", null)
                .model("two:1b", "Two (1B)", null)
                .build();
    }

    private static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
