package org.gpupoor.arena.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything an operator sets in {@code arena_config.yaml}. Missing sections take the defaults
 * documented in the README; {@link ConfigLoader} validates the values.
 */
public record ArenaConfig(
        String name,
        String description,
        OllamaSettings ollama,
        Deadlines deadlines,
        GenerationSettings generation,
        Double maxModelSizeB,
        Integer maxPromptChars,
        String leaderboardFile,
        RateLimits rateLimits,
        Capacity capacity,
        Boolean countIdentityLeaks,
        Ratings ratings,
        OpenData openData,
        List<ModelEntry> models,
        List<String> examplePrompts,
        Storage storage,
        Server server,
        Voters voters,
        Matchmaking matchmaking,
        CategoryRules categories,
        Sharing sharing,
        Integer maxTurns) {

    public ArenaConfig {
        name = name == null ? "GPU-Poor LLM Arena" : name;
        description = description == null ? "" : description;
        ollama = ollama == null ? new OllamaSettings(null, null, false) : ollama;
        deadlines = deadlines == null ? new Deadlines(null, null) : deadlines;
        generation = generation == null ? new GenerationSettings(null, null, null, null, null) : generation;
        maxModelSizeB = maxModelSizeB == null ? 9.0 : maxModelSizeB;
        maxPromptChars = maxPromptChars == null ? 4000 : maxPromptChars;
        leaderboardFile = leaderboardFile == null ? "leaderboard.json" : leaderboardFile;
        rateLimits = rateLimits == null ? new RateLimits(null, null) : rateLimits;
        capacity = capacity == null ? new Capacity(null, null) : capacity;
        countIdentityLeaks = countIdentityLeaks != null && countIdentityLeaks;
        ratings = ratings == null ? new Ratings(null, null, null, null, null) : ratings;
        openData = openData == null ? new OpenData(null) : openData;
        models = models == null ? List.of() : List.copyOf(models);
        examplePrompts = examplePrompts == null ? List.of() : List.copyOf(examplePrompts);
        storage = storage == null ? new Storage(null, null) : storage;
        server = server == null ? new Server(null, null) : server;
        voters = voters == null ? new Voters(null, null, null, null, null, null) : voters;
        matchmaking = matchmaking == null ? new Matchmaking(null, null) : matchmaking;
        categories = categories == null ? new CategoryRules(null) : categories;
        sharing = sharing == null ? new Sharing(null) : sharing;
        maxTurns = maxTurns == null ? 3 : maxTurns;
    }

    /** Every section at its default, to set some of them. */
    public static ConfigBuilder builder() {
        return new ConfigBuilder();
    }

    /** This config's sections, to change some of them. */
    public ConfigBuilder toBuilder() {
        return new ConfigBuilder(this);
    }

    /**
     * This config with the parts a running arena takes over from {@code edited}: the models and
     * the size cap, prompts and their limit, generation options, deadlines, rate limits, voter
     * rules, matchmaking, sharing, turns per battle, name and description. The rest (Ollama's address, capacity, files, ratings, open data, category rules) needs a
     * restart; {@link #restartNeededFor} names what differs there.
     */
    public ArenaConfig withReloadableFrom(ArenaConfig edited) {
        return toBuilder()
                .name(edited.name)
                .description(edited.description)
                .deadlines(edited.deadlines)
                .generation(edited.generation)
                .maxModelSizeB(edited.maxModelSizeB)
                .maxPromptChars(edited.maxPromptChars)
                .rateLimits(edited.rateLimits)
                .models(edited.models)
                .examplePrompts(edited.examplePrompts)
                .voters(edited.voters)
                .matchmaking(edited.matchmaking)
                .sharing(edited.sharing)
                .maxTurns(edited.maxTurns)
                .build();
    }

    /** The sections of {@code edited} that differ from this config but only take effect after a restart. */
    public List<String> restartNeededFor(ArenaConfig edited) {
        Map<String, Function<ArenaConfig, Object>> sections = new LinkedHashMap<>();
        sections.put("ollama", ArenaConfig::ollama);
        sections.put("capacity", ArenaConfig::capacity);
        sections.put("leaderboard_file", ArenaConfig::leaderboardFile);
        sections.put("count_identity_leaks", ArenaConfig::countIdentityLeaks);
        sections.put("ratings", ArenaConfig::ratings);
        sections.put("open_data", ArenaConfig::openData);
        sections.put("categories", ArenaConfig::categories);
        sections.put("storage", ArenaConfig::storage);
        sections.put("server", ArenaConfig::server);
        return sections.entrySet().stream()
                .filter(s -> !s.getValue().apply(this).equals(s.getValue().apply(edited)))
                .map(Map.Entry::getKey)
                .toList();
    }
}
