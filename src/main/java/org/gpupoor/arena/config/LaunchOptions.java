package org.gpupoor.arena.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the arena listens and keeps its files, from command-line flags, then environment
 * variables, then defaults. Only {@code Main} reads the real environment.
 */
public record LaunchOptions(
        int port,
        Path configFile,
        Path databaseFile,
        String ollamaUrl,
        String ollamaApiKey,
        String adminToken,
        String storageUrl) {
    public static final int DEFAULT_PORT = 7860;

    public static LaunchOptions from(String[] args, Map<String, String> env) {
        String config = env.getOrDefault("ARENA_CONFIG", "arena_config.yaml");
        String db = env.getOrDefault("ARENA_DB", "data/arena.db");
        String port = env.getOrDefault("ARENA_PORT", String.valueOf(DEFAULT_PORT));
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length || !flag.startsWith("--")) {
                throw new ConfigException("Unknown argument '" + flag + "'. " + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--config" -> config = value;
                case "--db" -> db = value;
                case "--port" -> port = value;
                default -> throw new ConfigException("Unknown option '" + flag + "'. " + usage());
            }
        }
        String ollamaUrl = blankToNull(env.get("OLLAMA_HOST"));
        try {
            return new LaunchOptions(
                    parsePort(port),
                    Path.of(config),
                    Path.of(db),
                    ollamaUrl == null ? null : OllamaHost.normalize(ollamaUrl),
                    blankToNull(env.get("ARENA_OLLAMA_API_KEY")),
                    blankToNull(env.get("ARENA_ADMIN_TOKEN")),
                    blankToNull(env.get("ARENA_STORAGE_URL")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("OLLAMA_HOST: " + e.getMessage());
        }
    }

    /** The config with the environment's Ollama address and key, where set, taking precedence. */
    public ArenaConfig applyTo(ArenaConfig config) {
        if (storageUrl != null) {
            config = config.toBuilder()
                    .storage(new Storage(storageUrl, config.storage().shared()))
                    .build();
        }
        if (ollamaUrl == null && ollamaApiKey == null) {
            return config;
        }
        return config.toBuilder()
                .ollama(new OllamaSettings(
                        ollamaUrl != null ? ollamaUrl : config.ollama().url(),
                        ollamaApiKey != null ? ollamaApiKey : config.ollama().apiKey(),
                        config.ollama().autoDiscover(),
                        // OLLAMA_HOST names one server: it replaces a list of hosts, as it replaces the url.
                        ollamaUrl != null ? List.of() : config.ollama().hosts()))
                .build();
    }

    public static String usage() {
        return "Usage: java -jar gpu-poor-arena.jar [--config FILE] [--port N] [--db FILE]\n"
                + "       java -jar gpu-poor-arena.jar recompute --from battles.jsonl   (print every board from an export)\n"
                + "       java -XX:ArchiveClassesAtExit=arena.jsa -jar gpu-poor-arena.jar warm-up [--config FILE]"
                + "   (a class archive for faster starts)\n"
                + "       java -jar gpu-poor-arena.jar pull-models [--config FILE]   (pull the approved models Ollama lacks)";
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("Port must be a number from 0 to 65535, was '" + value + "' (--port or ARENA_PORT)");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
