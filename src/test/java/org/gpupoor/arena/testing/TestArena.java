package org.gpupoor.arena.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.App;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.Capacity;
import org.gpupoor.arena.config.Deadlines;
import org.gpupoor.arena.config.GenerationSettings;
import org.gpupoor.arena.config.ModelEntry;
import org.gpupoor.arena.config.OllamaSettings;
import org.gpupoor.arena.config.OpenData;
import org.gpupoor.arena.config.RateLimits;
import org.gpupoor.arena.config.Ratings;
import org.gpupoor.arena.config.Server;
import org.gpupoor.arena.config.Sharing;
import org.gpupoor.arena.config.Storage;
import org.gpupoor.arena.config.Voters;

/** The whole arena on an ephemeral port, with its own SQLite file, talking to a fake Ollama. */
public final class TestArena implements AutoCloseable {
    public final App app;
    public final Api api;
    public final ArenaConfig config;
    public final Path dir;

    private TestArena(App app, ArenaConfig config, Path dir) {
        this.app = app;
        this.config = config;
        this.dir = dir;
        this.api = new Api("http://127.0.0.1:" + app.port());
    }

    /**
     * Starts an arena that has already asked Ollama for its models and loaded its boards from the
     * log, so tests see a settled state.
     */
    public static TestArena start(Path dir, ArenaConfig config) {
        TestArena arena = startWithoutWaiting(dir, config);
        arena.app.refreshModels();
        arena.app.awaitBoards();
        return arena;
    }

    /**
     * Starts an arena with a config file it watches and an admin token, as Main does, and waits
     * for its look at Ollama and its boards.
     */
    public static TestArena start(Path dir, ArenaConfig config, App.Operations operations) {
        TestArena arena = new TestArena(
                App.create(config, dir.resolve("arena.db"), Clock.systemUTC(), operations)
                        .start(0),
                config,
                dir);
        arena.app.refreshModels();
        arena.app.awaitBoards();
        return arena;
    }

    /** Starts an arena as Main does: the first look at Ollama and the boards' replay of the log run in the background. */
    public static TestArena startWithoutWaiting(Path dir, ArenaConfig config) {
        return new TestArena(
                App.create(config, dir.resolve("arena.db"), Clock.systemUTC()).start(0), config, dir);
    }

    /** A config for two or more models (tag → display name), everything else at test-friendly values. */
    public static Builder config(String ollamaUrl, Path dir) {
        return new Builder(ollamaUrl, dir);
    }

    /** Where this arena keeps its log, for tests that read it directly. */
    public String logUrl() {
        return config.storage().url() != null ? config.storage().url() : "jdbc:sqlite:" + dir.resolve("arena.db");
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.close();
    }

    public static final class Builder {
        private final String ollamaUrl;
        private final Path dir;
        private final List<ModelEntry> models = new ArrayList<>();
        private int firstTokenSeconds = 10;
        private int totalSeconds = 20;
        private boolean parallel = true;
        private String apiKey;
        private boolean autoDiscover;
        private List<String> hosts = List.of();
        private List<String> prompts = List.of("Why is the sky blue?", "Write a haiku about GPUs.");
        private RateLimits rateLimits = new RateLimits(0, 0, 0);
        private boolean countIdentityLeaks;
        private Ratings ratings;
        private OpenData openData;
        private Capacity capacity = new Capacity(100, 60);
        private Server server = new Server(List.of());
        private boolean sharedLog;
        private boolean sharing = true;
        // Tests vote the moment answers end; the reading-time rule has tests of its own.
        private Voters voters = new Voters(0, 0.0, 0.0, false, 20, 0);

        private Builder(String ollamaUrl, Path dir) {
            this.ollamaUrl = ollamaUrl;
            this.dir = dir;
        }

        public Builder model(String tag, String name, Double sizeB) {
            models.add(new ModelEntry(tag, name, sizeB));
            return this;
        }

        public Builder models(Map<String, String> tagToName) {
            tagToName.forEach((tag, name) -> model(tag, name, null));
            return this;
        }

        public Builder deadlines(int firstToken, int total) {
            this.firstTokenSeconds = firstToken;
            this.totalSeconds = total;
            return this;
        }

        public Builder sequential() {
            this.parallel = false;
            return this;
        }

        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Tests run without rate limits unless they set some. */
        public Builder rateLimits(int battlesPerMinute, int votesPerMinute) {
            this.rateLimits = new RateLimits(battlesPerMinute, votesPerMinute, rateLimits.suggestionsPerHour());
            return this;
        }

        public Builder suggestionsPerHour(int perHour) {
            this.rateLimits = new RateLimits(rateLimits.battlesPerMinute(), rateLimits.votesPerMinute(), perHour);
            return this;
        }

        public Builder capacity(int maxConcurrentBattles, int abandonAfterSeconds) {
            this.capacity = new Capacity(maxConcurrentBattles, abandonAfterSeconds);
            return this;
        }

        public Builder countIdentityLeaks() {
            this.countIdentityLeaks = true;
            return this;
        }

        public Builder ratings(Ratings settings) {
            this.ratings = settings;
            return this;
        }

        public Builder withoutTextInExports() {
            this.openData = new OpenData(false);
            return this;
        }

        /** Several Ollama servers (ollama.hosts) instead of the one URL. */
        public Builder hosts(List<String> urls) {
            this.hosts = urls;
            return this;
        }

        /** Every model Ollama has battles too (ollama.auto_discover). */
        public Builder autoDiscover() {
            this.autoDiscover = true;
            return this;
        }

        /** Reverse proxies whose forwarding header names the client (server.*). */
        public Builder server(Server settings) {
            this.server = settings;
            return this;
        }

        /** Several instances on one PostgreSQL log (storage.shared). */
        public Builder sharedLog() {
            this.sharedLog = true;
            return this;
        }

        public Builder voters(Voters rules) {
            this.voters = rules;
            return this;
        }

        /** Voted battles get no public page (sharing.enabled: false). */
        public Builder withoutSharing() {
            this.sharing = false;
            return this;
        }

        public Builder prompts(List<String> examples) {
            this.prompts = examples;
            return this;
        }

        public ArenaConfig build() {
            return ArenaConfig.builder()
                    .name("Test Arena")
                    .description("Battles for tests")
                    .ollama(new OllamaSettings(ollamaUrl, apiKey, autoDiscover, hosts))
                    .deadlines(new Deadlines(firstTokenSeconds, totalSeconds))
                    .generation(new GenerationSettings(0.5, 256, 42, "5m", parallel))
                    .maxModelSizeB(9.0)
                    .maxPromptChars(4000)
                    .leaderboardFile(dir.resolve("leaderboard.json").toString())
                    .rateLimits(rateLimits)
                    .capacity(capacity)
                    .countIdentityLeaks(countIdentityLeaks)
                    .ratings(ratings)
                    .openData(openData)
                    .models(models)
                    .examplePrompts(prompts)
                    .storage(new Storage(PostgresForTests.urlFor(dir), sharedLog))
                    .server(server)
                    .voters(voters)
                    .sharing(new Sharing(sharing))
                    .build();
        }
    }
}
