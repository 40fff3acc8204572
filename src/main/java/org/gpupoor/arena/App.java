package org.gpupoor.arena;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.JavalinStaticResourceHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.modelcard.ModelCards;
import org.gpupoor.arena.share.SharedBattles;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.web.AdminController;
import org.gpupoor.arena.web.ArenaController;
import org.gpupoor.arena.web.BattleController;
import org.gpupoor.arena.web.BoardController;
import org.gpupoor.arena.web.ClientAddress;
import org.gpupoor.arena.web.ErrorHandling;
import org.gpupoor.arena.web.EventStream;
import org.gpupoor.arena.web.ExportController;
import org.gpupoor.arena.web.JettyErrors;
import org.gpupoor.arena.web.JsonBodies;
import org.gpupoor.arena.web.SharedController;
import org.gpupoor.arena.web.StatsController;
import org.gpupoor.arena.web.SuggestionController;
import org.gpupoor.arena.web.VoterAdmin;
import org.gpupoor.arena.web.VoterCookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arena: its modules, started in order and closed in reverse (each owns its threads and
 * schedules), and the web edge with its route table. Main and the tests both start it.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    private static final int RESPONSE_COPY_BYTES = 4 * 1024;
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final Javalin javalin;
    private final List<String> routes;
    private final List<Module> modules;
    private final ModelCatalog catalog;
    private final BoardsModule boards;
    private final ArenaMetrics metrics;

    private App(
            Javalin javalin,
            List<String> routes,
            List<Module> modules,
            ModelCatalog catalog,
            BoardsModule boards,
            ArenaMetrics metrics) {
        this.javalin = javalin;
        this.routes = routes;
        this.modules = modules;
        this.catalog = catalog;
        this.boards = boards;
        this.metrics = metrics;
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

    /** Opens the log and builds every module and the (not yet listening) server; nothing runs until {@link #start}. */
    public static App create(ArenaConfig config, Path databaseFile, Clock clock, Operations operations) {
        LiveConfig live = new LiveConfig(config);
        ObjectMapper json = jsonMapper();
        ArenaMetrics metrics = new ArenaMetrics();
        StorageModule storage = new StorageModule(config, databaseFile, clock);
        OllamaModule ollama = new OllamaModule(config, clock);
        BoardsModule boards = new BoardsModule(config, storage.battleLog, ollama.catalog, json, clock);
        BattlesModule battles = new BattlesModule(config, live, storage.battleLog, ollama, boards, metrics, clock);
        SuggestionsModule suggesting = new SuggestionsModule(config, live, storage.battleLog, ollama, clock);
        OperationsModule operating =
                new OperationsModule(config, live, operations, storage.battleLog, ollama, boards, battles, clock);

        BattleLog battleLog = storage.battleLog;
        AdminController adminApi = new AdminController(
                operations.adminToken(),
                live,
                operating.watcher,
                battleLog,
                boards.leaderboard,
                boards.boards,
                boards.hidden,
                ollama.catalog,
                json,
                clock);
        VoterCookie voterCookie = new VoterCookie(battleLog.voters().secret("voter_key", App::freshSecret));
        SharedBattles shared = new SharedBattles(
                battleLog, ollama.catalog, live, battleLog.voters().secret("share_key", App::freshSecret));
        JsonBodies bodies = new JsonBodies(json);
        BattleController battleApi =
                new BattleController(battles.battles, bodies, new EventStream(json, clock), voterCookie, shared, clock);
        ArenaController arenaApi = new ArenaController(
                live,
                ollama.catalog,
                boards.leaderboard,
                boards.export,
                boards.strengths,
                boards.hidden,
                new ModelCards(ollama.catalog, ollama.ollama, boards.strengths),
                new Random());
        BoardController boardApi = new BoardController(
                ollama.catalog,
                boards.leaderboard,
                boards.strengths,
                boards.controlled,
                boards.hidden,
                boards.categories,
                json);
        ExportController exportApi = new ExportController(
                battleLog, config.countIdentityLeaks(), config.openData().includePromptsAndAnswers(), clock);
        Routes.Handlers handlers = new Routes.Handlers(
                arenaApi,
                boardApi,
                new StatsController(boards.funStats, json),
                battleApi,
                exportApi,
                adminApi,
                new VoterAdmin(live, battleLog, boards.boards, clock),
                new SharedController(shared, live),
                metrics,
                battles.battleLimit,
                battles.voteLimit,
                new SuggestionController(suggesting.suggestions, suggesting.review, bodies, voterCookie, json),
                suggesting.limit);
        List<String> routes = new ArrayList<>();
        Javalin javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            c.http.maxRequestSize = MAX_BODY_BYTES;
            // Javalin copies every answer through a new buffer of this size (32 KB by default): at
            // thousands of votes and board reads a second that garbage alone set the young-GC pace.
            c.http.responseBufferSize = RESPONSE_COPY_BYTES;
            ClientAddress clients = new ClientAddress(config.server());
            c.contextResolver.ip = clients::of;
            c.contextResolver.scheme = clients::scheme;
            c.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            c.jsonMapper(new JavalinJackson(json, true));
            // Javalin's own handler reads files through the class loader's jar; Jetty's mounts the
            // 50 MB jar as a zip file system four times per location, 19 MB of heap kept for good.
            c.resourceHandler(new JavalinStaticResourceHandler());
            c.staticFiles.add("/public", Location.CLASSPATH);
            c.staticFiles.enableWebjars();
            ErrorHandling.install(c);
            routes.addAll(Routes.install(c, handlers));
        });
        // The boards listen for size changes before the catalog first looks at Ollama.
        return new App(
                javalin,
                List.copyOf(routes),
                List.of(storage, boards, ollama, battles, suggesting, operating),
                ollama.catalog,
                boards,
                metrics);
    }

    private static String freshSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    static ObjectMapper jsonMapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * Starts every module in order, then takes requests on {@code port} (0 for any free one). The
     * boards replay the log in the background meanwhile: see {@link #awaitBoards}.
     */
    public App start(int port) {
        modules.forEach(Module::start);
        javalin.start(port);
        boards.listening();
        return this;
    }

    /**
     * Waits until the boards have replayed the log and had their first fit (the port opens
     * before), for callers that must see them settled: the warm-up and the tests.
     */
    public void awaitBoards() {
        try {
            if (!boards.awaitLoaded(Duration.ofMinutes(2))) {
                throw new IllegalStateException("The boards did not load from the log within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the boards loaded", e);
        }
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

    /**
     * Stops taking requests, then closes the modules in reverse: the operator's watchers, the
     * battles (generations stopped), Ollama's threads, the boards (leaderboard.json finished), the log.
     */
    @Override
    public void close() {
        javalin.stop();
        for (int i = modules.size() - 1; i >= 0; i--) {
            modules.get(i).close();
        }
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
