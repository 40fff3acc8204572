package org.gpupoor.arena.matchmaking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.config.OllamaSettings;
import org.gpupoor.arena.gpu.Residency;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.GpuMemory;
import org.gpupoor.arena.testing.OfflineBoards;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preloading against the Ollama test server's scheduler: 6.5 GB, four 2 GB models (2.3 GB each by the estimate before they have loaded). Two of them
 * belong to a running battle that answers one side after the other: one is generating, the
 * other waits idle for its turn, the model Ollama would evict first.
 */
class PreloaderTest {
    static final List<String> MODELS = List.of("m1:2b", "m2:2b", "m3:2b", "m4:2b");

    @TempDir
    Path dir;

    FakeOllama ollama;
    OfflineBoards boards;
    Residency residency;
    Matchmaker matchmaker;
    LiveConfig config;

    @BeforeEach
    void start() throws Exception {
        ollama = new FakeOllama();
        ollama.gpu(new GpuMemory.Settings(6_500_000_000L, 20e9, 3, 1, 1.0));
        for (String tag : MODELS) {
            ollama.model(tag, "2B")
                    .footprint(2.0)
                    .answers("one ", "two ", "three")
                    .paced(400);
        }
        ArenaConfig base = OfflineBoards.config(
                dir, Map.of("m1:2b", "M1 (2B)", "m2:2b", "M2 (2B)", "m3:2b", "M3 (2B)", "m4:2b", "M4 (2B)"));
        config = new LiveConfig(base.toBuilder()
                .ollama(new OllamaSettings(ollama.url(), null, false, List.of(), 6.5))
                .build());
        boards = new OfflineBoards(dir, config.current());
        OllamaGateway gateway = new OllamaGateway(config.current(), boards.background);
        gateway.installedModels(); // the file sizes behind the footprint estimates
        residency = new Residency(gateway.memory(), config.current().ollama().memoryBytes());
        StrengthBoard strengths = new StrengthBoard(
                boards.log,
                boards.leaderboard,
                boards.catalog,
                boards.sizes,
                config.current().ratings(),
                false,
                boards.background);
        matchmaker = new Matchmaker(config, residency, boards.leaderboard, strengths, boards.log, new Random(1));
    }

    @AfterEach
    void stop() {
        boards.close();
        ollama.close();
    }

    private List<String> loaded() {
        return ollama.gpu().residents().stream().map(GpuMemory.Resident::tag).toList();
    }

    private CompletableFuture<Void> generate(String tag) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ollama.url() + "/api/generate"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + tag + "\",\"prompt\":\"hi\",\"stream\":false}"))
                .build();
        return HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenAccept(r -> {});
    }

    @Test
    void a_preload_never_evicts_a_model_a_running_battle_uses_nor_loads_beyond_the_memory() throws Exception {
        for (int round = 0; round < 5; round++) {
            ollama.gpu().residents().forEach(r -> unload(r.tag()));
            generate("m2:2b").get(); // side B's model: loaded, now idle, waiting for its turn
            CompletableFuture<Void> sideA = generate("m1:2b"); // side A: generating
            Poll.until("side A is generating", java.time.Duration.ofSeconds(5), () -> loaded().contains("m1:2b"));
            residency.refresh();

            Preloader preloader =
                    new Preloader(matchmaker, () -> MODELS, () -> Set.of("m1:2b", "m2:2b"), config, Runnable::run);
            preloader.answersDone();

            assertThat(loaded()).as("round %d", round).contains("m1:2b", "m2:2b");
            assertThat(ollama.gpu().mostHeld()).isLessThanOrEqualTo(6_500_000_000L);
            sideA.get();
        }
        assertThat(ollama.requests("/api/generate").stream()
                        .filter(r -> r.body().path("prompt").isMissingNode()
                                && !r.body().path("keep_alive").asText().equals("0")))
                .as("some preloads happened")
                .isNotEmpty();
    }

    @Test
    void with_the_memory_unknown_nothing_is_preloaded() throws Exception {
        residency = new Residency(new OllamaGateway(config.current(), boards.background).memory(), 0);
        matchmaker = new Matchmaker(
                config,
                residency,
                boards.leaderboard,
                new StrengthBoard(
                        boards.log,
                        boards.leaderboard,
                        boards.catalog,
                        boards.sizes,
                        config.current().ratings(),
                        false,
                        boards.background),
                boards.log,
                new Random(2));
        residency.refresh();

        new Preloader(matchmaker, () -> MODELS, Set::of, config, Runnable::run).answersDone();

        assertThat(loaded()).isEmpty();
    }

    private void unload(String tag) {
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(ollama.url() + "/api/generate"))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"model\":\"" + tag + "\",\"keep_alive\":0}"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
