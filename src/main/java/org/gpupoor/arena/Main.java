package org.gpupoor.arena;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.gpupoor.arena.bench.RatingsBenchmark;
import org.gpupoor.arena.catalog.PullModels;
import org.gpupoor.arena.concurrent.Threads;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.ConfigException;
import org.gpupoor.arena.config.ConfigLoader;
import org.gpupoor.arena.config.LaunchOptions;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.opendata.Recompute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads flags, environment and config, then starts the arena. The only reader of the environment. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(LaunchOptions.usage());
            return;
        }
        if (args.length > 0 && args[0].equals("recompute")) {
            System.exit(Recompute.run(List.of(args).subList(1, args.length), System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-ratings")) {
            try {
                System.exit(RatingsBenchmark.run(List.of(args).subList(1, args.length), System.out));
            } catch (java.io.IOException e) {
                System.err.println("Benchmark failed: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        String command = args.length > 0 && List.of("warm-up", "pull-models").contains(args[0]) ? args[0] : null;
        LaunchOptions options;
        ArenaConfig config;
        try {
            options = LaunchOptions.from(
                    command != null ? Arrays.copyOfRange(args, 1, args.length) : args, System.getenv());
            config = options.applyTo(ConfigLoader.load(options.configFile()));
        } catch (ConfigException e) {
            System.err.println("Cannot start the arena:\n" + e.getMessage());
            System.exit(2);
            return;
        }
        if ("pull-models".equals(command)) {
            System.exit(PullModels.run(config, new OllamaGateway(config, Runnable::run), System.out));
            return;
        }
        if ("warm-up".equals(command)) {
            try {
                System.exit(WarmUp.run(config, System.out));
            } catch (java.io.IOException | InterruptedException e) {
                System.err.println("Warm-up failed: " + e);
                System.exit(1);
            }
            return;
        }
        App app;
        try {
            app = App.create(
                            config,
                            options.databaseFile(),
                            Clock.systemUTC(),
                            new App.Operations(options.configFile(), options::applyTo, options.adminToken()))
                    .start(options.port());
        } catch (IllegalArgumentException e) {
            System.err.println("Cannot start the arena:\n" + e.getMessage());
            System.exit(2);
            return;
        }
        String battleLog = config.storage().url() == null
                ? options.databaseFile().toAbsolutePath().toString()
                : config.storage().url().replaceAll("password=[^&]*", "password=***");
        Runtime.getRuntime().addShutdownHook(Threads.thread("shutdown", app::close));
        log.info(
                "{} is running at http://localhost:{}/ (config {}, database {}, Ollama {})",
                config.name(),
                app.port(),
                options.configFile().toAbsolutePath(),
                battleLog,
                config.ollama().url());
    }
}
