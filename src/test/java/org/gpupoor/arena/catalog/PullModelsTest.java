package org.gpupoor.arena.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pull-models brings the approved models Ollama lacks, leaves the others alone, and says what failed. */
class PullModelsTest {
    @TempDir
    Path dir;

    @Test
    void missing_models_are_pulled_installed_ones_skipped_and_unknown_ones_reported() throws Exception {
        try (FakeOllama ollama = new FakeOllama()) {
            ollama.model("have:1b", "1.0B");
            ollama.pullable("fetch:1b", "1.0B");
            ArenaConfig config = TestArena.config(ollama.url(), dir)
                    .model("have:1b", "Have (1B)", null)
                    .model("fetch:1b", "Fetch (1B)", null)
                    .model("nowhere:1b", "Nowhere (1B)", null)
                    .build();
            OllamaGateway gateway = new OllamaGateway(config, Runnable::run);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            int status = PullModels.run(config, gateway, new PrintStream(printed, true, StandardCharsets.UTF_8));

            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(status).as("one model could not be pulled").isEqualTo(1);
            assertThat(out)
                    .contains(
                            "have   have:1b",
                            "pulled fetch:1b",
                            "FAILED nowhere:1b",
                            "1 of 3 approved models could not be pulled");
            assertThat(ollama.requests("/api/pull")).hasSize(2);
            assertThat(gateway.installedModels())
                    .containsKeys("have:1b", "fetch:1b")
                    .doesNotContainKey("nowhere:1b");
        }
    }
}
