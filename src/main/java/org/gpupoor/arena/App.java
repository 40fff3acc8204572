package org.gpupoor.arena;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.gpupoor.arena.battle.BattleService;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.concurrent.Threads;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.ConfigWatcher;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.leaderboard.Boards;
import org.gpupoor.arena.leaderboard.HiddenModels;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.leaderboard.LeaderboardExport;
import org.gpupoor.arena.leaderboard.LeaderboardJson;
import org.gpupoor.arena.leaderboard.ModelSizes;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.Database;
import org.gpupoor.arena.web.AdminController;
import org.gpupoor.arena.web.ArenaController;
import org.gpupoor.arena.web.BattleController;
import org.gpupoor.arena.web.ClientAddress;
import org.gpupoor.arena.web.ErrorHandling;
import org.gpupoor.arena.web.EventStream;
import org.gpupoor.arena.web.ExportController;
import org.gpupoor.arena.web.JettyErrors;
import org.gpupoor.arena.web.JsonBodies;
import org.gpupoor.arena.web.RateLimiter;
import org.gpupoor.arena.web.VoterAdmin;
import org.gpupoor.arena.web.VoterCookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** All the wiring, by plain constructors, and all the routes. Main and the tests both start it. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final Javalin javalin;
    private final List<String> routes;
    private final Database database;
    private final BattleLog battleLog;
    private final BattleService battles;
    private final LeaderboardExport export;
    private final ExecutorService workers;
    private final List<ScheduledExecutorService> timers;
    private final ModelCatalog catalog;
    private final ArenaMetrics metrics;

    private App(Javalin javalin, List<String> routes, Database database, BattleLog battleLog, BattleService battles, LeaderboardExport export,
                ExecutorService workers, List<ScheduledExecutorService> timers, ModelCatalog catalog, ArenaMetrics metrics) {
        this.javalin = javalin;
        this.routes = routes;
        this.metrics = metrics;
        this.battleLog = battleLog;
        this.catalog = catalog;
        this.database = database;
        this.battles = battles;
        this.export = export;
        this.workers = workers;
        this.timers = timers;
    }

    /**
     * What an operator's arena has beyond its config: the config file to watch for edits (with
     * the environment's overrides applied to every reload) and the admin token; none in tests
     * that need neither.
     */
    public record Operations(Path configFile, UnaryOperator<ArenaConfig> overrides, String adminToken) {
        public static Operations none() {
            return new Operations(null, UnaryOperator.identity(), null);
        }
    }

    public static App create(ArenaConfig config, Path databaseFile, Clock clock) {
        return create(config, databaseFile, clock, Operations.none());
    }

    /** Opens the database and builds the (not yet listening) server; Ollama is looked at in the background. */
    public static App create(ArenaConfig config, Path databaseFile, Clock clock, Operations operations) {
        LiveConfig live = new LiveConfig(config);
        ObjectMapper json = jsonMapper();
        Database database = config.storage().url() != null ? Database.open(config.storage().url()) : Database.open(databaseFile);
        BattleLog battleLog = new BattleLog(database.dataSource());
        // On a log of its own, every battle still generating was this arena's, before it stopped. On a
        // shared one, others may be generating: only battles older than any could run are closed, every minute.
        // On a log other instances write too, a battle still generating may be another's: left alone here.
        int closed = config.storage().shared() ? 0 : battleLog.failUnfinished("The server stopped before this battle finished.", clock.instant());
        if (closed > 0) {
            log.info("Closed {} battles left unfinished by the last run", closed);
        }
        ArenaMetrics metrics = new ArenaMetrics();
        ExecutorService workers = Threads.workers("generation");
        OllamaGateway ollama = new OllamaGateway(config, workers);
        // Ollama checks get a thread of their own: one that hangs on Ollama must not delay anything else.
        ScheduledExecutorService checks = Threads.single("ollama-check");
        ModelCatalog catalog = new ModelCatalog(config, ollama, clock, checks);

        LeaderboardJson leaderboardJson = new LeaderboardJson(json, Path.of(config.leaderboardFile()));
        String exportBlocked = LeaderboardStartup.importIfFirstStart(leaderboardJson, battleLog, clock.instant());
        HiddenModels hidden = new HiddenModels(battleLog);
        ModelSizes sizes = new ModelSizes(catalog, battleLog);
        Leaderboard leaderboard = new Leaderboard(battleLog, catalog, sizes, hidden, config.countIdentityLeaks());
        LeaderboardExport export = new LeaderboardExport(leaderboard, leaderboardJson, exportBlocked);
        ScheduledExecutorService ratingsThread = Threads.single("ratings");
        StrengthBoard strengths = new StrengthBoard(battleLog, leaderboard, catalog, sizes, config.ratings(), ratingsThread);
        // Off the start-up path: the server answers at once; the fit lands a fraction of a second later.
        ratingsThread.execute(() -> safely(strengths::recomputeNow));
        // Sizes feed the ELO and the Bradley-Terry board: replay when they change, on the ratings
        // thread, never on a reader's request (a replay holds up every vote).
        Boards boards = new Boards(leaderboard, strengths, export);
        catalog.onSizesChange(() -> {
            try {
                ratingsThread.execute(() -> safely(boards::logRewritten));
            } catch (RejectedExecutionException e) {
                // shutting down: no board to keep
            }
        });
        // Only now, so no size change escapes the boards. The first check runs while the server
        // starts: the port opens without waiting for Ollama, and a battle asked for before the
        // check is done makes its own.
        checks.scheduleWithFixedDelay(() -> safely(catalog::refresh), 0, 15, TimeUnit.SECONDS);

        ScheduledExecutorService deadlines = Threads.single("deadlines");
        ScheduledExecutorService timers = Threads.single("housekeeping");
        Random random = new Random();
        BattleService battles = new BattleService(battleLog, catalog, leaderboard, boards, ollama, workers,
                deadlines, live, clock, random, metrics);
        export.requestWrite();
        timers.scheduleWithFixedDelay(() -> safely(battles::evictIdle), 1, 1, TimeUnit.MINUTES);

        RateLimiter battleLimit = new RateLimiter(config.rateLimits().battlesPerMinute());
        RateLimiter voteLimit = new RateLimiter(config.rateLimits().votesPerMinute());
        timers.scheduleWithFixedDelay(() -> safely(() -> {
            battleLimit.forgetIdle();
            voteLimit.forgetIdle();
        }), 5, 5, TimeUnit.MINUTES);
        timers.scheduleWithFixedDelay(() -> safely(battles::closeAbandoned), 1, 1, TimeUnit.SECONDS);
        live.onChange((before, next) -> {
            var catalogUpdated = catalog.reconfigure(next);
            battleLimit.setPerMinute(next.rateLimits().battlesPerMinute());
            voteLimit.setPerMinute(next.rateLimits().votesPerMinute());
            if (!before.models().equals(next.models())) {
                // The Bradley-Terry board keeps the names it was fitted with: refit once the catalog
                // has the new ones. Changed sizes replay the boards through the catalog (above).
                catalogUpdated.thenRunAsync(() -> safely(boards::namesChanged), ratingsThread);
            }
        });
        ConfigWatcher watcher = operations.configFile() == null ? null
                : new ConfigWatcher(operations.configFile(), operations.overrides(), live);
        if (watcher != null) {
            timers.scheduleWithFixedDelay(() -> safely(watcher::checkForEdits), 2, 2, TimeUnit.SECONDS);
        }
        if (config.storage().shared()) {
            SharedLogFollower.start(battleLog, leaderboard, hidden, boards, timers, live, clock);
        }
        AdminController adminApi = new AdminController(operations.adminToken(), live, watcher, battleLog, leaderboard, boards,
                hidden, catalog, json, clock);
        VoterCookie voterCookie = new VoterCookie(battleLog.secret("voter_key", App::freshSecret));
        BattleController battleApi = new BattleController(battles, new JsonBodies(json), new EventStream(json, clock), voterCookie, clock);
        ArenaController arenaApi = new ArenaController(live, catalog, leaderboard, export, strengths, hidden, random, json);
        ExportController exportApi = new ExportController(battleLog, config.countIdentityLeaks(),
                config.openData().includePromptsAndAnswers(), clock);
        List<String> routes = new java.util.ArrayList<>();
        Javalin javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            c.http.maxRequestSize = MAX_BODY_BYTES;
            ClientAddress clients = new ClientAddress(config.server());
            c.contextResolver.ip = clients::of;
            c.contextResolver.scheme = clients::scheme;
            c.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            c.jsonMapper(new JavalinJackson(json, true));
            c.staticFiles.add("/public", Location.CLASSPATH);
            c.staticFiles.enableWebjars();
            ErrorHandling.install(c);
            routes.addAll(Routes.install(c, new Routes.Handlers(arenaApi, battleApi, exportApi, adminApi,
                    new VoterAdmin(live, battleLog, boards, clock), metrics, battleLimit, voteLimit)));
        });
        return new App(javalin, List.copyOf(routes), database, battleLog, battles, export, workers,
                List.of(checks, deadlines, timers, ratingsThread), catalog, metrics);
    }

    private static String freshSecret() {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return java.util.Base64.getEncoder().encodeToString(secret);
    }

    static ObjectMapper jsonMapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    public App start(int port) {
        javalin.start(port);
        return this;
    }

    /** Checks Ollama's models now instead of at the next 15-second tick. */
    public void refreshModels() {
        catalog.refresh();
    }

    public int port() {
        return javalin.port();
    }

    /** Every HTTP route, as "GET /api/leaderboard": what the OpenAPI document must describe. */
    public List<String> routes() {
        return routes;
    }

    /** Stops taking requests, stops generations, finishes the leaderboard.json write, closes the log. */
    @Override
    public void close() {
        javalin.stop();
        battles.cancelAll();
        timers.forEach(ScheduledExecutorService::shutdownNow);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        export.close();
        battleLog.close();
        database.close();
        metrics.close();
    }

    static void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Background task failed", e);
        }
    }
}
