package org.gpupoor.arena.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gpupoor.arena.App;
import org.gpupoor.arena.config.ArenaConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake Ollama and a whole arena talking to it, fresh for each test in a folder of its own:
 * <pre>
 * &#64;RegisterExtension
 * final ArenaExtension arena = new ArenaExtension()
 *         .model("one:1b", "1.0B", "One (1B)", m -&gt; m.answers("Hi", " there."))
 *         .model("two:1b", "1.0B", "Two (1B)")
 *         .config(c -&gt; c.rateLimits(2, 0));
 * </pre>
 * Ollama starts before each test (and before the class's own {@code @BeforeEach}), the arena
 * right after it unless the class says {@link #startedByTest()}; after the test the arena closes
 * first, then Ollama, then the folder goes.
 */
public final class ArenaExtension implements BeforeEachCallback, AfterEachCallback {
    private record Model(String tag, String parameterSize, String name, Consumer<ModelScript> script) {}

    private final List<Model> models = new ArrayList<>();
    private UnaryOperator<TestArena.Builder> tweaks = UnaryOperator.identity();
    private String adminToken;
    private boolean startedByTest;

    private Path dir;
    private FakeOllama ollama;
    private TestArena arena;
    private App.Operations operations;

    /** A model Ollama has and the arena's config lists, behaving as Ollama's default script says. */
    public ArenaExtension model(String tag, String parameterSize, String name) {
        return model(tag, parameterSize, name, m -> {});
    }

    /**
     * A model Ollama has, scripted by {@code script}, and the arena's config lists as {@code name}
     * (null: Ollama has it, the config does not). Called during a test, it scripts Ollama at once
     * and joins the config of an arena not yet started.
     */
    public ArenaExtension model(String tag, String parameterSize, String name, Consumer<ModelScript> script) {
        Model model = new Model(tag, parameterSize, name, script);
        models.add(model);
        if (ollama != null) {
            script(model);
        }
        return this;
    }

    /** A model Ollama has that the arena's config does not list. */
    public ArenaExtension inOllamaOnly(String tag, String parameterSize, Consumer<ModelScript> script) {
        return model(tag, parameterSize, null, script);
    }

    /** Changes to the test config ({@link TestArena#config}); several calls add up. */
    public ArenaExtension config(UnaryOperator<TestArena.Builder> tweak) {
        UnaryOperator<TestArena.Builder> before = tweaks;
        tweaks = c -> tweak.apply(before.apply(c));
        return this;
    }

    /** The arena runs as Main runs it with ARENA_ADMIN_TOKEN set: admin routes answer this token. */
    public ArenaExtension adminToken(String token) {
        this.adminToken = token;
        return this;
    }

    /** Only Ollama starts before each test; the test (or its {@code @BeforeEach}) calls {@link #start}. */
    public ArenaExtension startedByTest() {
        this.startedByTest = true;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("arena-test-");
        ollama = new FakeOllama();
        models.forEach(this::script);
        if (!startedByTest) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (arena != null) {
                arena.close();
            }
        } finally {
            arena = null;
            if (ollama != null) {
                ollama.close();
                ollama = null;
            }
            deleteAll(dir);
        }
    }

    /** Starts the arena on the models and changes given so far, as {@link TestArena#start} does. */
    public TestArena start() {
        return start(UnaryOperator.identity());
    }

    /** Starts the arena with {@code tweak} on top of the changes given so far. */
    public TestArena start(UnaryOperator<TestArena.Builder> tweak) {
        TestArena.Builder builder = TestArena.config(ollama.url(), dir);
        models.stream().filter(m -> m.name() != null).forEach(m -> builder.model(m.tag(), m.name(), null));
        return start(tweak.apply(tweaks.apply(builder)).build());
    }

    /** Starts the arena on a config of the test's own (read from a file, say). */
    public TestArena start(ArenaConfig config) {
        return start(
                config, adminToken == null ? null : new App.Operations(null, UnaryOperator.identity(), adminToken));
    }

    /** Starts the arena on a config of the test's own, with Main's operations (config file, admin token). */
    public TestArena start(ArenaConfig config, App.Operations operations) {
        if (arena != null) {
            throw new IllegalStateException("the arena of this test has already started");
        }
        arena = operations == null ? TestArena.start(dir, config) : TestArena.start(dir, config, operations);
        this.operations = operations;
        return arena;
    }

    /** Stops the arena and starts it again on the same folder and config, as an operator's restart does. */
    public TestArena restart() {
        ArenaConfig config = arena().config;
        arena.close();
        arena = null;
        return start(config, operations);
    }

    public FakeOllama ollama() {
        return ollama;
    }

    /** This test's folder: the arena's database and leaderboard.json live here. */
    public Path dir() {
        return dir;
    }

    public TestArena arena() {
        if (arena == null) {
            throw new IllegalStateException("the arena has not started: call start() first");
        }
        return arena;
    }

    public Api api() {
        return arena().api;
    }

    public App app() {
        return arena().app;
    }

    public ArenaConfig config() {
        return arena().config;
    }

    public String url() {
        return arena().url();
    }

    /** Where the arena keeps its log, for tests that read it directly. */
    public String logUrl() {
        return arena().logUrl();
    }

    private void script(Model model) {
        model.script().accept(ollama.model(model.tag(), model.parameterSize()));
    }

    /** Best effort: a file left in the system's temp folder is no reason to fail the test that made it. */
    static void deleteAll(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // left behind
        }
    }
}
