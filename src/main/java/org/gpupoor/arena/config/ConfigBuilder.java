package org.gpupoor.arena.config;

import java.util.List;

/**
 * An {@link ArenaConfig} built a section at a time: what tests, the offline tools and the
 * command-line overrides use instead of the record's long constructor. A section left unset takes
 * its documented default, as in the YAML file.
 */
public final class ConfigBuilder {
    private String name;
    private String description;
    private OllamaSettings ollama;
    private Deadlines deadlines;
    private GenerationSettings generation;
    private Double maxModelSizeB;
    private Integer maxPromptChars;
    private String leaderboardFile;
    private RateLimits rateLimits;
    private Capacity capacity;
    private Boolean countIdentityLeaks;
    private Ratings ratings;
    private OpenData openData;
    private List<ModelEntry> models;
    private List<String> examplePrompts;
    private Storage storage;
    private Server server;
    private Voters voters;
    private Matchmaking matchmaking;
    private CategoryRules categories;
    private Sharing sharing;
    private Integer maxTurns;

    ConfigBuilder() {}

    ConfigBuilder(ArenaConfig c) {
        name = c.name();
        description = c.description();
        ollama = c.ollama();
        deadlines = c.deadlines();
        generation = c.generation();
        maxModelSizeB = c.maxModelSizeB();
        maxPromptChars = c.maxPromptChars();
        leaderboardFile = c.leaderboardFile();
        rateLimits = c.rateLimits();
        capacity = c.capacity();
        countIdentityLeaks = c.countIdentityLeaks();
        ratings = c.ratings();
        openData = c.openData();
        models = c.models();
        examplePrompts = c.examplePrompts();
        storage = c.storage();
        server = c.server();
        voters = c.voters();
        matchmaking = c.matchmaking();
        categories = c.categories();
        sharing = c.sharing();
        maxTurns = c.maxTurns();
    }

    public ArenaConfig build() {
        return new ArenaConfig(
                name,
                description,
                ollama,
                deadlines,
                generation,
                maxModelSizeB,
                maxPromptChars,
                leaderboardFile,
                rateLimits,
                capacity,
                countIdentityLeaks,
                ratings,
                openData,
                models,
                examplePrompts,
                storage,
                server,
                voters,
                matchmaking,
                categories,
                sharing,
                maxTurns);
    }

    public ConfigBuilder name(String value) {
        name = value;
        return this;
    }

    public ConfigBuilder description(String value) {
        description = value;
        return this;
    }

    public ConfigBuilder ollama(OllamaSettings value) {
        ollama = value;
        return this;
    }

    public ConfigBuilder deadlines(Deadlines value) {
        deadlines = value;
        return this;
    }

    public ConfigBuilder generation(GenerationSettings value) {
        generation = value;
        return this;
    }

    public ConfigBuilder maxModelSizeB(Double value) {
        maxModelSizeB = value;
        return this;
    }

    public ConfigBuilder maxTurns(Integer value) {
        maxTurns = value;
        return this;
    }

    public ConfigBuilder maxPromptChars(Integer value) {
        maxPromptChars = value;
        return this;
    }

    public ConfigBuilder leaderboardFile(String value) {
        leaderboardFile = value;
        return this;
    }

    public ConfigBuilder rateLimits(RateLimits value) {
        rateLimits = value;
        return this;
    }

    public ConfigBuilder capacity(Capacity value) {
        capacity = value;
        return this;
    }

    public ConfigBuilder countIdentityLeaks(Boolean value) {
        countIdentityLeaks = value;
        return this;
    }

    public ConfigBuilder ratings(Ratings value) {
        ratings = value;
        return this;
    }

    public ConfigBuilder openData(OpenData value) {
        openData = value;
        return this;
    }

    public ConfigBuilder models(List<ModelEntry> value) {
        models = value;
        return this;
    }

    public ConfigBuilder examplePrompts(List<String> value) {
        examplePrompts = value;
        return this;
    }

    public ConfigBuilder storage(Storage value) {
        storage = value;
        return this;
    }

    public ConfigBuilder server(Server value) {
        server = value;
        return this;
    }

    public ConfigBuilder voters(Voters value) {
        voters = value;
        return this;
    }

    public ConfigBuilder matchmaking(Matchmaking value) {
        matchmaking = value;
        return this;
    }

    public ConfigBuilder categories(CategoryRules value) {
        categories = value;
        return this;
    }

    public ConfigBuilder sharing(Sharing value) {
        sharing = value;
        return this;
    }
}
