package org.gpupoor.arena.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test Ollama's scheduler, checked over HTTP: what the warm arena relies on must be how Ollama behaves. */
class GpuMemoryTest {
    FakeOllama ollama;
    Api api;

    @BeforeEach
    void start() throws Exception {
        ollama = new FakeOllama();
        // 5 GB, 10 GB/s: a 2 GB model loads in 200 ms
        ollama.gpu(new GpuMemory.Settings(5_000_000_000L, 10e9, 3, 1, 1.0));
        ollama.model("small:1b", "1B").footprint(2.0).answers("hi", "!");
        ollama.model("other:1b", "1B").footprint(2.0).answers("yo", "!");
        ollama.model("big:3b", "3B").footprint(3.0).answers("hello", "!");
        api = new Api(ollama.url());
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    private JsonNode generate(String tag) {
        return api.post("/api/generate", "{\"model\":\"" + tag + "\",\"prompt\":\"hi\",\"stream\":false}")
                .json();
    }

    private List<String> loaded() {
        List<String> tags = new ArrayList<>();
        api.get("/api/ps")
                .json()
                .path("models")
                .forEach(m -> tags.add(m.path("name").asText()));
        return tags;
    }

    @Test
    void a_cold_model_takes_its_load_time_and_a_warm_one_none() {
        long cold = generate("small:1b").path("load_duration").asLong();
        long warm = generate("small:1b").path("load_duration").asLong();

        assertThat(cold).isGreaterThanOrEqualTo(190_000_000L);
        assertThat(warm).isLessThan(50_000_000L);
        JsonNode ps = api.get("/api/ps").json().path("models").get(0);
        assertThat(ps.path("name").asText()).isEqualTo("small:1b");
        assertThat(ps.path("size").asLong()).isEqualTo(2_000_000_000L);
        assertThat(ps.path("size_vram").asLong()).isEqualTo(2_000_000_000L);
        assertThat(ps.path("expires_at").asText()).isNotEmpty();
    }

    @Test
    void a_model_that_does_not_fit_evicts_the_least_recently_used_idle_one() {
        generate("small:1b");
        generate("other:1b");
        assertThat(loaded()).containsExactlyInAnyOrder("small:1b", "other:1b");

        generate("big:3b"); // 4 + 3 > 5: small:1b, used longest ago, goes

        assertThat(loaded()).containsExactlyInAnyOrder("other:1b", "big:3b");
    }

    @Test
    void a_request_waits_while_the_models_in_memory_are_busy() throws Exception {
        ollama.model("small:1b", "1B").footprint(4.0).answers("a", "b", "c").paced(300);
        CompletableFuture<JsonNode> busy = CompletableFuture.supplyAsync(() -> generate("small:1b"));
        Poll.until("the first model is loaded", java.time.Duration.ofSeconds(5), () -> loaded().contains("small:1b"));

        long start = System.nanoTime();
        JsonNode other = generate("other:1b");

        assertThat(busy.get().path("done").asBoolean()).isTrue();
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(waitedMs).isGreaterThanOrEqualTo(600); // the busy model's whole answer
        // load_duration is the load alone (200 ms), not the wait for memory
        assertThat(other.path("load_duration").asLong() / 1_000_000).isBetween(190L, waitedMs - 300);
        assertThat(loaded()).containsExactly("other:1b");
    }

    @Test
    void an_empty_request_loads_and_keep_alive_zero_unloads() {
        JsonNode load = api.post("/api/generate", "{\"model\":\"big:3b\",\"keep_alive\":\"10m\"}")
                .json();
        assertThat(load.path("done_reason").asText()).isEqualTo("load");
        assertThat(loaded()).containsExactly("big:3b");

        JsonNode unload = api.post("/api/generate", "{\"model\":\"big:3b\",\"keep_alive\":0}")
                .json();
        assertThat(unload.path("done_reason").asText()).isEqualTo("unload");
        assertThat(loaded()).isEmpty();
    }

    @Test
    void keep_alive_expiry_unloads_an_idle_model() throws Exception {
        api.post("/api/generate", "{\"model\":\"small:1b\",\"prompt\":\"hi\",\"stream\":false,\"keep_alive\":\"1s\"}");
        assertThat(loaded()).containsExactly("small:1b");

        Poll.until("the idle model expires", java.time.Duration.ofSeconds(5), () -> loaded().isEmpty());
    }

    @Test
    void an_old_ollama_has_no_ps() {
        ollama.withoutPs();

        assertThat(api.get("/api/ps").status()).isEqualTo(404);
    }
}
