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
        Voters voters) {

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
     * rules, name and description. The rest (Ollama's address, capacity, files, ratings, open data) needs a
     * restart; {@link #restartNeededFor} names what differs there.
     */
    public ArenaConfig withReloadableFrom(ArenaConfig edited) {
        return toBuilder().name(edited.name).description(edited.description).deadlines(edited.deadlines)
                .generation(edited.generation).maxModelSizeB(edited.maxModelSizeB).maxPromptChars(edited.maxPromptChars)
                .rateLimits(edited.rateLimits).models(edited.models).examplePrompts(edited.examplePrompts).voters(edited.voters)
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
        sections.put("storage", ArenaConfig::storage);
        sections.put("server", ArenaConfig::server);
        return sections.entrySet().stream().filter(s -> !s.getValue().apply(this).equals(s.getValue().apply(edited)))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * @param url    a JDBC URL for the battle log (jdbc:postgresql://...); null for the SQLite file given by --db
     * @param shared whether other arena instances write the same log: they then follow each other's votes, and a
     *               starting instance leaves battles still generating alone (they may be another's). An operator's
     *               decision, not the vendor's: one PostgreSQL instance alone is not shared
     */
    public record Storage(String url, Boolean shared) {
        public Storage {
            url = url == null || url.isBlank() ? null : url.strip();
            shared = shared != null && shared;
        }

        public Storage(String url) {
            this(url, null);
        }
    }

    /**
     * @param autoDiscover whether every model Ollama has (within the size cap) battles too, beside those listed
     * @param hosts        several Ollama servers instead of {@code url}; empty for the one at {@code url}
     */
    public record OllamaSettings(String url, String apiKey, Boolean autoDiscover, List<String> hosts) {
        public static final String DEFAULT_URL = "http://localhost:11434";

        public OllamaSettings {
            url = url == null || url.isBlank() ? DEFAULT_URL : OllamaHost.normalize(url);
            apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
            autoDiscover = autoDiscover != null && autoDiscover;
            hosts = hosts == null ? List.of() : hosts.stream().map(OllamaHost::normalize).toList();
        }

        public OllamaSettings(String url, String apiKey, Boolean autoDiscover) {
            this(url, apiKey, autoDiscover, List.of());
        }

        public OllamaSettings(String url, String apiKey) {
            this(url, apiKey, false);
        }

        /** The Ollama servers to use: {@code hosts}, or the one at {@code url}. */
        public List<String> urls() {
            return hosts.isEmpty() ? List.of(url) : hosts;
        }
    }

    /** Per-side limits: how long a model may take to load and start, and to finish its answer. */
    public record Deadlines(Integer firstTokenSeconds, Integer totalSeconds) {
        public Deadlines {
            firstTokenSeconds = firstTokenSeconds == null ? 120 : firstTokenSeconds;
            totalSeconds = totalSeconds == null ? 300 : totalSeconds;
        }
    }

    public record GenerationSettings(
            Double temperature, Integer numPredict, Integer seed, String keepAlive, Boolean parallel) {
        public GenerationSettings {
            temperature = temperature == null ? 0.7 : temperature;
            numPredict = numPredict == null ? 1024 : numPredict;
            keepAlive = keepAlive == null || keepAlive.isBlank() ? "5m" : keepAlive.strip();
            // Ollama reads a bare number in a string as a duration without unit and rejects it.
            keepAlive = keepAlive.matches("-?\\d+") ? keepAlive + "s" : keepAlive;
            parallel = parallel != null && parallel;
        }
    }

    /** Requests per minute one client (IP address) may make; 0 turns a limit off. */
    public record RateLimits(Integer battlesPerMinute, Integer votesPerMinute) {
        public RateLimits {
            battlesPerMinute = battlesPerMinute == null ? 12 : battlesPerMinute;
            votesPerMinute = votesPerMinute == null ? 30 : votesPerMinute;
        }
    }

    /**
     * How much the arena asks of Ollama at once: battles beyond {@code maxConcurrentBattles} wait
     * in line; a battle nobody has watched for {@code abandonAfterSeconds} is stopped.
     */
    public record Capacity(Integer maxConcurrentBattles, Integer abandonAfterSeconds) {
        public Capacity {
            maxConcurrentBattles = maxConcurrentBattles == null ? 2 : maxConcurrentBattles;
            abandonAfterSeconds = abandonAfterSeconds == null ? 60 : abandonAfterSeconds;
        }
    }

    /**
     * The Bradley-Terry board: the scale's anchor (the mean of all ratings, or {@code anchorModel}
     * when set) sits at {@code anchorRating}; models with fewer than {@code minBattles} counted
     * battles are marked provisional; intervals come from {@code bootstrapRounds} resamples.
     * {@code priorBattles} virtual battles per model shrink ratings toward the field; the default,
     * 0, is the plain maximum-likelihood fit the best public arena publishes.
     */
    public record Ratings(String anchorModel, Double anchorRating, Integer minBattles, Integer bootstrapRounds, Double priorBattles) {
        public Ratings {
            anchorModel = anchorModel == null || anchorModel.isBlank() ? null : ModelTags.canonical(anchorModel);
            anchorRating = anchorRating == null ? 1000.0 : anchorRating;
            minBattles = minBattles == null ? 10 : minBattles;
            bootstrapRounds = bootstrapRounds == null ? 100 : bootstrapRounds;
            priorBattles = priorBattles == null ? 0.0 : priorBattles;
        }
    }

    /**
     * @param trustedProxies  addresses or CIDR blocks of reverse proxies whose forwarding header names the client;
     *                        empty: trust none
     * @param forwardedHeader which header those proxies set: "x-forwarded-for" (with X-Forwarded-Proto) or
     *                        "forwarded" (RFC 7239); only that one is read, since a proxy passes the other on from
     *                        the client untouched
     */
    public record Server(List<String> trustedProxies, String forwardedHeader) {
        public Server {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
            forwardedHeader = forwardedHeader == null || forwardedHeader.isBlank() ? "x-forwarded-for"
                    : forwardedHeader.strip().toLowerCase(java.util.Locale.ROOT);
        }

        public Server(List<String> trustedProxies) {
            this(trustedProxies, null);
        }
    }

    /**
     * What keeps one person from stuffing the ballot box.
     *
     * @param dailyVoteCap        votes one voter may cast per UTC day; 0 for no cap
     * @param minReadSeconds      a vote sooner than this after both answers finished is too fast to be a reading
     * @param readingCharsPerSecond a vote sooner after the battle started than its answers' length at this pace is
     *                            too fast too; 0 turns that rule off
     * @param countFastVotes      whether too-fast votes count on the boards (they are always kept and flagged)
     * @param sideBiasMinVotes    a voter with at least this many votes for a side, every one for the same side, is flagged
     * @param dailyVotesPerAddress votes per UTC day from one address (an IPv6 /64), whatever cookies it shows; 0 for
     *                            no cap. It stops a script that takes a fresh voter cookie for every battle
     */
    public record Voters(Integer dailyVoteCap, Double minReadSeconds, Double readingCharsPerSecond, Boolean countFastVotes,
                         Integer sideBiasMinVotes, Integer dailyVotesPerAddress) {
        public Voters {
            dailyVoteCap = dailyVoteCap == null ? 300 : dailyVoteCap;
            minReadSeconds = minReadSeconds == null ? 2.0 : minReadSeconds;
            readingCharsPerSecond = readingCharsPerSecond == null ? 0.0 : readingCharsPerSecond;
            countFastVotes = countFastVotes != null && countFastVotes;
            sideBiasMinVotes = sideBiasMinVotes == null ? 20 : sideBiasMinVotes;
            dailyVotesPerAddress = dailyVotesPerAddress == null ? 1000 : dailyVotesPerAddress;
        }

        public Voters(Integer dailyVoteCap, Double minReadSeconds, Double readingCharsPerSecond, Boolean countFastVotes,
                      Integer sideBiasMinVotes) {
            this(dailyVoteCap, minReadSeconds, readingCharsPerSecond, countFastVotes, sideBiasMinVotes, null);
        }
    }

    /** What {@code GET /api/battles/export} publishes: prompts and answers too, unless turned off. */
    public record OpenData(Boolean includePromptsAndAnswers) {
        public OpenData {
            includePromptsAndAnswers = includePromptsAndAnswers == null || includePromptsAndAnswers;
        }
    }

    /**
     * One approved model: the Ollama tag, the name shown after a vote, an optional size, and
     * optionally the words by which its answers would give it away (default: the first word of
     * its name and its maker, e.g. "Llama" and "Meta").
     */
    public record ModelEntry(String tag, String name, Double sizeB, List<String> identityWords) {
        public ModelEntry {
            tag = tag == null || tag.isBlank() ? null : ModelTags.canonical(tag);
            name = name == null || name.isBlank() ? tag : name.strip();
            identityWords = identityWords == null ? null : List.copyOf(identityWords);
        }

        public ModelEntry(String tag, String name, Double sizeB) {
            this(tag, name, sizeB, null);
        }
    }
}
