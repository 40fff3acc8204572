package org.gpupoor.arena.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the values of a bound config; every problem carries the JSON pointer of its field. */
final class ConfigValidator {
    private static final Pattern KEEP_ALIVE = Pattern.compile("-?(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+|-?\\d+");

    record Problem(String pointer, String message) {
        String field() {
            return pointer.substring(1).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    private ConfigValidator() {}

    static List<Problem> validate(ArenaConfig config) {
        ConfigValidator v = new ConfigValidator();
        v.check(config);
        return v.problems;
    }

    private void check(ArenaConfig c) {
        require(!c.name().isBlank(), "/name", "must not be empty");
        range("/deadlines/first_token_seconds", c.deadlines().firstTokenSeconds(), 1, 3600);
        range("/deadlines/total_seconds", c.deadlines().totalSeconds(), 1, 86_400);
        require(
                c.deadlines().firstTokenSeconds() <= c.deadlines().totalSeconds(),
                "/deadlines/first_token_seconds",
                "must not exceed deadlines.total_seconds (" + c.deadlines().totalSeconds() + ")");
        require(
                c.generation().temperature() >= 0 && c.generation().temperature() <= 2,
                "/generation/temperature",
                "must be between 0 and 2, was " + c.generation().temperature());
        int numPredict = c.generation().numPredict();
        require(
                numPredict == -1 || (numPredict >= 1 && numPredict <= 131_072),
                "/generation/num_predict",
                "must be a positive token count, or -1 for no limit; was " + numPredict);
        require(
                KEEP_ALIVE.matcher(c.generation().keepAlive()).matches(),
                "/generation/keep_alive",
                "must be a duration such as 5m, 30s, 1h, 0 or -1; was '"
                        + c.generation().keepAlive() + "'");
        require(
                c.generation().parallelMode() != null,
                "/generation/parallel",
                "must be auto, true or false; was '" + c.generation().parallel() + "'");
        require(
                List.of("warm", "fair").contains(c.matchmaking().strategy()),
                "/matchmaking/strategy",
                "must be warm or fair, was '" + c.matchmaking().strategy() + "'");
        Matchmaking.Weights w = c.matchmaking().weights();
        for (var weight : java.util.Map.of("load", w.load(), "repeat", w.repeat(), "ahead", w.ahead(), "info", w.info())
                .entrySet()) {
            require(
                    weight.getValue() >= 0 && weight.getValue() <= 1000,
                    "/matchmaking/weights/" + weight.getKey(),
                    "must be between 0 and 1000, was " + weight.getValue());
        }
        require(
                c.ollama().memoryGb() == null
                        || (c.ollama().memoryGb() > 0 && c.ollama().memoryGb() <= 10_000),
                "/ollama/memory_gb",
                "must be the gigabytes each host gives models, above 0; was "
                        + c.ollama().memoryGb());
        require(
                c.maxModelSizeB() > 0 && c.maxModelSizeB() <= 2000,
                "/max_model_size_b",
                "must be a size in billions of parameters above 0, was " + c.maxModelSizeB());
        range("/max_prompt_chars", c.maxPromptChars(), 1, 100_000);
        range("/max_turns", c.maxTurns(), 1, 10);
        require(!c.leaderboardFile().isBlank(), "/leaderboard_file", "must not be empty");
        range("/rate_limits/battles_per_minute", c.rateLimits().battlesPerMinute(), 0, 100_000);
        range("/rate_limits/votes_per_minute", c.rateLimits().votesPerMinute(), 0, 100_000);
        range("/rate_limits/suggestions_per_hour", c.rateLimits().suggestionsPerHour(), 0, 100_000);
        range("/capacity/max_concurrent_battles", c.capacity().maxConcurrentBattles(), 1, 1000);
        range("/capacity/abandon_after_seconds", c.capacity().abandonAfterSeconds(), 5, 86_400);
        range("/voters/daily_vote_cap", c.voters().dailyVoteCap(), 0, 1_000_000);
        range("/voters/daily_votes_per_address", c.voters().dailyVotesPerAddress(), 0, 10_000_000);
        require(
                c.voters().minReadSeconds() >= 0 && c.voters().minReadSeconds() <= 600,
                "/voters/min_read_seconds",
                "must be between 0 and 600 seconds, was " + c.voters().minReadSeconds());
        require(
                c.voters().readingCharsPerSecond() >= 0 && c.voters().readingCharsPerSecond() <= 10_000,
                "/voters/reading_chars_per_second",
                "must be between 0 (off) and 10000, was " + c.voters().readingCharsPerSecond());
        range("/voters/side_bias_min_votes", c.voters().sideBiasMinVotes(), 2, 1_000_000);
        require(
                List.of("x-forwarded-for", "forwarded").contains(c.server().forwardedHeader()),
                "/server/forwarded_header",
                "must be x-forwarded-for or forwarded, was '" + c.server().forwardedHeader() + "'");
        List<String> proxies = c.server().trustedProxies();
        for (int i = 0; i < proxies.size(); i++) {
            String problem = AddressBlock.problem(proxies.get(i));
            require(problem == null, "/server/trusted_proxies/" + i, problem);
        }
        range("/ratings/min_battles", c.ratings().minBattles(), 0, 1_000_000);
        range("/ratings/bootstrap_rounds", c.ratings().bootstrapRounds(), 10, 10_000);
        require(Double.isFinite(c.ratings().anchorRating()), "/ratings/anchor_rating", "must be a number");
        double prior = c.ratings().priorBattles();
        require(
                prior >= 0 && prior <= 1000,
                "/ratings/prior_battles",
                "must be between 0 (no shrinkage) and 1000, was " + prior);
        List<CategoryRules.KeywordRule> rules = c.categories().rules();
        for (int i = 0; i < rules.size(); i++) {
            CategoryRules.KeywordRule rule = rules.get(i);
            String at = "/categories/rules/" + i;
            require(rule != null, at, "must be a rule: category and keywords");
            if (rule != null) {
                require(
                        rule.category() != null && rule.category().matches("[a-z][a-z0-9_]{0,39}"),
                        at + "/category",
                        "must be lower-case letters, digits and underscores (up to 40), was '" + rule.category() + "'");
                require(!rule.keywords().isEmpty(), at + "/keywords", "must list at least one keyword");
                for (int k = 0; k < rule.keywords().size(); k++) {
                    String word = rule.keywords().get(k);
                    require(word != null && !word.isBlank(), at + "/keywords/" + k, "must not be empty");
                }
            }
        }
        checkModels(c.models(), c.ollama().autoDiscover());
        String storage = c.storage().url();
        require(
                storage == null || storage.startsWith("jdbc:postgresql:") || storage.startsWith("jdbc:sqlite:"),
                "/storage/url",
                "must be a JDBC URL of PostgreSQL (jdbc:postgresql://host:5432/db?user=...&password=...) or SQLite (jdbc:sqlite:file)");
        require(
                !c.storage().shared() || (storage != null && storage.startsWith("jdbc:postgresql:")),
                "/storage/shared",
                "a log shared by several arena instances must be PostgreSQL: set storage.url to a jdbc:postgresql: URL");
        List<String> hosts = c.ollama().hosts();
        for (int i = 0; i < hosts.size(); i++) {
            require(hosts.indexOf(hosts.get(i)) == i, "/ollama/hosts/" + i, "'" + hosts.get(i) + "' is listed twice");
        }
        String anchor = c.ratings().anchorModel();
        require(
                anchor == null || c.models().stream().anyMatch(m -> m != null && anchor.equals(m.tag())),
                "/ratings/anchor_model",
                "'" + anchor + "' is not one of the models listed under models");
        for (int i = 0; i < c.examplePrompts().size(); i++) {
            String prompt = c.examplePrompts().get(i);
            require(prompt != null && !prompt.isBlank(), "/example_prompts/" + i, "must not be empty");
            if (prompt != null) {
                require(
                        prompt.codePointCount(0, prompt.length()) <= c.maxPromptChars(),
                        "/example_prompts/" + i,
                        "is longer than max_prompt_chars (" + c.maxPromptChars() + ")");
            }
        }
    }

    private void checkModels(List<ModelEntry> models, boolean autoDiscover) {
        require(
                autoDiscover || models.size() >= 2,
                "/models",
                "list at least two models (a battle needs two), or set ollama.auto_discover: true; found "
                        + models.size());
        Set<String> tags = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            ModelEntry m = models.get(i);
            String at = "/models/" + i;
            if (m == null || m.tag() == null || m.tag().isBlank()) {
                problems.add(new Problem(at + "/tag", "every model needs its Ollama tag, e.g. llama3.2:1b"));
                continue;
            }
            require(!m.tag().contains(" "), at + "/tag", "an Ollama tag has no spaces: '" + m.tag() + "'");
            require(tags.add(ModelTags.canonical(m.tag())), at + "/tag", "'" + m.tag() + "' is listed twice");
            require(
                    names.add(m.name()),
                    at + "/name",
                    "'" + m.name() + "' is used by two models; voters could not tell them apart");
            if (m.identityWords() != null) {
                for (int w = 0; w < m.identityWords().size(); w++) {
                    String word = m.identityWords().get(w);
                    require(word != null && !word.isBlank(), at + "/identity_words/" + w, "must not be empty");
                }
            }
            if (m.sizeB() != null) {
                require(m.sizeB() > 0, at + "/size_b", "must be above 0 (billions of parameters), was " + m.sizeB());
            }
        }
    }

    private void range(String pointer, int value, int min, int max) {
        require(value >= min && value <= max, pointer, "must be between " + min + " and " + max + ", was " + value);
    }

    private void require(boolean ok, String pointer, String message) {
        if (!ok) {
            problems.add(new Problem(pointer, message));
        }
    }
}
