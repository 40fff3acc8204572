package org.gpupoor.arena;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.concurrent.Threads;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.gpu.Residency;
import org.gpupoor.arena.ollama.OllamaGateway;

/** Ollama and the models it serves: the gateway, its generation threads, and the catalog's look every 15 s. */
final class OllamaModule implements Module {
    final ExecutorService generations = Threads.workers("generation");
    final OllamaGateway ollama;
    final ModelCatalog catalog;
    final Residency residency;
    // Looks at /api/ps on a thread of their own too: a slow host must not hold up the model list.
    private final ScheduledExecutorService memoryLooks = Threads.single("ollama-memory");
    // A thread of its own: a look that hangs on Ollama must not delay anything else.
    private final ScheduledExecutorService checks = Threads.single("ollama-check");

    OllamaModule(ArenaConfig config, Clock clock) {
        ollama = new OllamaGateway(config, generations);
        catalog = new ModelCatalog(config, ollama, clock, checks);
        residency = new Residency(ollama.memory(), config.ollama().memoryBytes());
    }

    /** The first look runs while the server starts: the port opens without waiting for Ollama. */
    @Override
    public void start() {
        checks.scheduleWithFixedDelay(() -> Module.safely(catalog::refresh), 0, 15, TimeUnit.SECONDS);
        memoryLooks.scheduleWithFixedDelay(() -> Module.safely(residency::refresh), 0, 2, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        checks.shutdownNow();
        memoryLooks.shutdownNow();
        generations.shutdown();
        try {
            generations.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
