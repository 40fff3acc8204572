package org.gpupoor.arena.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String VALID = """
            name: Test Arena
            models:
              - tag: llama3.2:1b
                name: Llama 3.2 (1B)
              - tag: qwen2.5
                name: Qwen 2.5 (7B)
                size_b: 7.6
            """;

    @Test
    void the_shipped_config_loads_with_enough_models_and_prompts() {
        ArenaConfig config = ConfigLoader.load(Path.of("arena_config.yaml"));
        assertThat(config.models()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(config.examplePrompts()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(config.maxModelSizeB()).isEqualTo(9.0);
    }

    @Test
    void missing_settings_take_their_documented_defaults() {
        ArenaConfig config = ConfigLoader.parse(VALID, "arena_config.yaml");
        assertThat(config.ollama().url()).isEqualTo("http://localhost:11434");
        assertThat(config.deadlines().firstTokenSeconds()).isEqualTo(120);
        assertThat(config.deadlines().totalSeconds()).isEqualTo(300);
        assertThat(config.maxPromptChars()).isEqualTo(4000);
        assertThat(config.generation().parallelMode()).isEqualTo(GenerationSettings.Parallel.AUTO);
        assertThat(config.matchmaking().strategy()).isEqualTo("warm");
        assertThat(config.matchmaking().weights()).isEqualTo(new Matchmaking.Weights(1.5, 0.5, 1.0, 2.0));
        assertThat(config.ollama().memoryGb()).isNull();
        assertThat(config.generation().keepAlive()).isEqualTo("5m");
        assertThat(config.models().get(1).tag()).isEqualTo("qwen2.5:latest");
        assertThat(config.ratings()).isEqualTo(new Ratings(null, 1000.0, 10, 100, 0.0));
        assertThat(config.openData().includePromptsAndAnswers()).isTrue();
        assertThat(config.sharing().enabled()).isTrue();
    }

    @Test
    void sharing_can_be_turned_off_and_a_reload_takes_that_over_at_once() {
        ArenaConfig off = ConfigLoader.parse(VALID + """
                sharing:
                  enabled: false
                """, "arena_config.yaml");
        assertThat(off.sharing().enabled()).isFalse();
        ArenaConfig on = ConfigLoader.parse(VALID, "arena_config.yaml");
        assertThat(on.withReloadableFrom(off).sharing().enabled()).isFalse();
        assertThat(on.restartNeededFor(off)).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + """
                sharing:
                  enabled: sometimes
                """, "arena_config.yaml"))
                .hasMessageContaining("line 9: sharing.enabled: wrong type");
    }

    @Test
    void the_rating_settings_are_read_and_an_unknown_anchor_model_is_refused_with_its_line() {
        ArenaConfig config = ConfigLoader.parse(VALID + """
                ratings:
                  anchor_model: qwen2.5
                  anchor_rating: 1114
                  min_battles: 30
                  bootstrap_rounds: 200
                  prior_battles: 4
                open_data:
                  include_prompts_and_answers: false
                """, "arena_config.yaml");
        assertThat(config.ratings()).isEqualTo(new Ratings("qwen2.5:latest", 1114.0, 30, 200, 4.0));
        assertThat(config.openData().includePromptsAndAnswers()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + """
                ratings:
                  anchor_model: mistral:7b
                """, "arena_config.yaml"))
                .hasMessageContaining(
                        "arena_config.yaml line 9: ratings.anchor_model: 'mistral:7b' is not one of the models listed under models");
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + """
                ratings:
                  bootstrap_rounds: 3
                """, "arena_config.yaml"))
                .hasMessageContaining("line 9: ratings.bootstrap_rounds: must be between 10 and 10000, was 3");
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + """
                ratings:
                  prior_battles: -2
                """, "arena_config.yaml"))
                .hasMessageContaining(
                        "line 9: ratings.prior_battles: must be between 0 (no shrinkage) and 1000, was -2.0");
    }

    @Test
    void a_wrong_value_names_its_field_and_line() {
        String text = VALID + """
                deadlines:
                  first_token_seconds: 0
                """;
        assertThatThrownBy(() -> ConfigLoader.parse(text, "arena_config.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "arena_config.yaml line 9: deadlines.first_token_seconds: must be between 1 and 3600");
    }

    @Test
    void a_misspelt_field_names_its_field_and_line() {
        String text = VALID + "max_model_sise_b: 7\n";
        assertThatThrownBy(() -> ConfigLoader.parse(text, "arena_config.yaml"))
                .hasMessageContaining("line 8")
                .hasMessageContaining("max_model_sise_b")
                .hasMessageContaining("unknown field");
    }

    @Test
    void a_wrong_type_names_its_field_and_line() {
        String text = VALID.replace("size_b: 7.6", "size_b: seven");
        assertThatThrownBy(() -> ConfigLoader.parse(text, "arena_config.yaml"))
                .hasMessageContaining("line 7")
                .hasMessageContaining("models[1].size_b")
                .hasMessageContaining("wrong type");
    }

    @Test
    void duplicate_models_and_broken_yaml_are_refused() {
        String duplicate = VALID.replace("tag: qwen2.5\n", "tag: llama3.2:1b\n");
        assertThatThrownBy(() -> ConfigLoader.parse(duplicate, "c.yaml"))
                .hasMessageContaining("c.yaml line 5: models[1].tag: 'llama3.2:1b' is listed twice");
        assertThatThrownBy(() -> ConfigLoader.parse("models: [\n  - tag: x\n", "c.yaml"))
                .hasMessageContaining("c.yaml line")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.parse("name: x\nmodels:\n  - tag: only:1b\n", "c.yaml"))
                .hasMessageContaining("c.yaml line 2: models: list at least two models");
    }

    @Test
    void several_ollama_hosts_are_read_normalised_and_a_repeated_one_is_refused() {
        ArenaConfig config = ConfigLoader.parse(
                VALID + "ollama:\n  hosts: [gpu-a, \"http://gpu-b:11500\"]\n  auto_discover: true\n", "c.yaml");
        assertThat(config.ollama().urls()).containsExactly("http://gpu-a:11434", "http://gpu-b:11500");
        assertThat(config.ollama().autoDiscover()).isTrue();
        assertThat(ConfigLoader.parse(VALID, "c.yaml").ollama().urls()).containsExactly("http://localhost:11434");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        VALID + "ollama:\n  hosts:\n    - gpu-a\n    - http://gpu-a:11434\n", "c.yaml"))
                .hasMessageContaining("c.yaml line 11: ollama.hosts[1]: 'http://gpu-a:11434' is listed twice");
        assertThat(ConfigLoader.parse("ollama:\n  auto_discover: true\nmodels: []\n", "c.yaml")
                        .models())
                .as("with discovery no model needs listing")
                .isEmpty();
    }

    @Test
    void trusted_proxies_are_addresses_or_cidr_blocks_never_host_names() {
        assertThat(ConfigLoader.parse(VALID, "c.yaml").server().trustedProxies())
                .as("none by default")
                .isEmpty();
        assertThat(ConfigLoader.parse(
                                VALID
                                        + "server:\n  trusted_proxies: [127.0.0.1, \"10.0.0.0/8\", \"fd00::/8\", \"::1\"]\n",
                                "c.yaml")
                        .server()
                        .trustedProxies())
                .hasSize(4);
        assertThatThrownBy(() -> ConfigLoader.parse(
                        VALID + "server:\n  trusted_proxies:\n    - 127.0.0.1\n    - proxy.local\n", "c.yaml"))
                .hasMessageContaining(
                        "c.yaml line 11: server.trusted_proxies[1]: must be an IP address or a CIDR block");
        assertThatThrownBy(
                        () -> ConfigLoader.parse(VALID + "server:\n  trusted_proxies: [\"10.0.0.0/33\"]\n", "c.yaml"))
                .hasMessageContaining("server.trusted_proxies[0]: the prefix length after '/' must be 0 to 32");
    }

    @Test
    void voter_rules_are_read_and_checked() {
        Voters defaults = ConfigLoader.parse(VALID, "c.yaml").voters();
        assertThat(defaults.dailyVoteCap()).isEqualTo(300);
        assertThat(defaults.minReadSeconds()).isEqualTo(2.0);
        assertThat(defaults.countFastVotes()).isFalse();
        assertThat(ConfigLoader.parse(
                                VALID + "voters:\n  daily_vote_cap: 50\n  reading_chars_per_second: 40\n", "c.yaml")
                        .voters()
                        .readingCharsPerSecond())
                .isEqualTo(40.0);
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + "voters:\n  min_read_seconds: -1\n", "c.yaml"))
                .hasMessageContaining("c.yaml line 9: voters.min_read_seconds: must be between 0 and 600 seconds");
    }

    @Test
    void max_turns_defaults_to_three_reloads_and_is_checked() {
        assertThat(ConfigLoader.parse(VALID, "c.yaml").maxTurns()).isEqualTo(3);
        ArenaConfig five = ConfigLoader.parse(VALID + "max_turns: 5\n", "c.yaml");
        assertThat(five.maxTurns()).isEqualTo(5);
        assertThat(ConfigLoader.parse(VALID, "c.yaml").withReloadableFrom(five).maxTurns())
                .isEqualTo(5);
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + "max_turns: 11\n", "c.yaml"))
                .hasMessageContaining("max_turns: must be between 1 and 10, was 11");
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + "max_turns: 0\n", "c.yaml"))
                .hasMessageContaining("max_turns");
    }

    @Test
    void the_suggestion_limit_is_read_defaults_to_ten_an_hour_and_is_checked() {
        assertThat(ConfigLoader.parse(VALID, "c.yaml").rateLimits().suggestionsPerHour())
                .isEqualTo(10);
        assertThat(ConfigLoader.parse(VALID + "rate_limits:\n  suggestions_per_hour: 0\n", "c.yaml")
                        .rateLimits())
                .isEqualTo(new RateLimits(12, 30, 0));
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + "rate_limits:\n  suggestions_per_hour: -1\n", "c.yaml"))
                .hasMessageContaining(
                        "c.yaml line 9: rate_limits.suggestions_per_hour: must be between 0 and 100000, was -1");
    }

    @Test
    void the_storage_url_is_read_and_must_be_a_jdbc_url_the_arena_speaks() {
        assertThat(ConfigLoader.parse(VALID, "c.yaml").storage().url())
                .as("the SQLite file of --db by default")
                .isNull();
        assertThat(ConfigLoader.parse(VALID + "storage:\n  url: jdbc:postgresql://db:5432/arena\n", "c.yaml")
                        .storage()
                        .url())
                .isEqualTo("jdbc:postgresql://db:5432/arena");
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + "storage:\n  url: mysql://db/arena\n", "c.yaml"))
                .hasMessageContaining("c.yaml line 9: storage.url: must be a JDBC URL of PostgreSQL");
        assertThat(ConfigLoader.parse(VALID + "storage:\n  url: jdbc:postgresql://db:5432/arena\n", "c.yaml")
                        .storage()
                        .shared())
                .as("one instance alone unless the operator says otherwise")
                .isFalse();
        assertThat(ConfigLoader.parse(
                                VALID + "storage:\n  url: jdbc:postgresql://db:5432/arena\n  shared: true\n", "c.yaml")
                        .storage()
                        .shared())
                .isTrue();
        assertThatThrownBy(() -> ConfigLoader.parse(VALID + "storage:\n  shared: true\n", "c.yaml"))
                .hasMessageContaining("storage.shared: a log shared by several arena instances must be PostgreSQL");
    }

    @Test
    void a_missing_file_says_where_it_looked(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("Config file not found")
                .hasMessageContaining("nope.yaml");
    }

    @Test
    void environment_overrides_the_config_and_flags_override_the_environment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("arena.yaml");
        Files.writeString(file, VALID);
        LaunchOptions options = LaunchOptions.from(
                new String[] {"--port", "9000"},
                Map.of(
                        "ARENA_CONFIG",
                        file.toString(),
                        "ARENA_PORT",
                        "8000",
                        "ARENA_DB",
                        "/tmp/x.db",
                        "OLLAMA_HOST",
                        "gpu-box",
                        "ARENA_OLLAMA_API_KEY",
                        "secret"));
        assertThat(options.port()).isEqualTo(9000);
        assertThat(options.databaseFile()).isEqualTo(Path.of("/tmp/x.db"));
        ArenaConfig config = options.applyTo(ConfigLoader.load(options.configFile()));
        assertThat(config.ollama().url()).isEqualTo("http://gpu-box:11434");
        assertThat(config.ollama().apiKey()).isEqualTo("secret");

        LaunchOptions defaults = LaunchOptions.from(new String[0], Map.of());
        assertThat(defaults.port()).isEqualTo(7860);
        assertThat(defaults.configFile()).isEqualTo(Path.of("arena_config.yaml"));
        assertThat(defaults.databaseFile()).isEqualTo(Path.of("data/arena.db"));
        assertThatThrownBy(() -> LaunchOptions.from(new String[0], Map.of("ARENA_PORT", "http")))
                .hasMessageContaining("ARENA_PORT");
    }

    @Test
    void ollama_host_is_read_the_way_ollama_reads_it() {
        assertThat(OllamaHost.normalize("localhost")).isEqualTo("http://localhost:11434");
        assertThat(OllamaHost.normalize("0.0.0.0:11435")).isEqualTo("http://0.0.0.0:11435");
        assertThat(OllamaHost.normalize("https://ollama.example.org/")).isEqualTo("https://ollama.example.org:443");
        assertThat(OllamaHost.normalize("http://[::1]:11434")).isEqualTo("http://[::1]:11434");
        assertThatThrownBy(() -> OllamaHost.normalize("ftp://x")).isInstanceOf(IllegalArgumentException.class);
    }
}
