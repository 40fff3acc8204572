package org.gpupoor.arena;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.category.Categories;
import org.gpupoor.arena.category.CategoryTagger;
import org.gpupoor.arena.category.PromptClassifier;
import org.gpupoor.arena.category.PromptLanguage;
import org.gpupoor.arena.concurrent.Threads;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.funstats.FunStats;
import org.gpupoor.arena.leaderboard.Boards;
import org.gpupoor.arena.leaderboard.ControlledBoard;
import org.gpupoor.arena.leaderboard.HiddenModels;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.leaderboard.LeaderboardExport;
import org.gpupoor.arena.leaderboard.LeaderboardJson;
import org.gpupoor.arena.leaderboard.ModelSizes;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.store.BattleLog;

/**
 * Every board, replayed from the log just after start on a thread of their own: the main and ELO
 * boards, the Bradley-Terry fit, leaderboard.json (imported on a first start), and {@link Boards}, which
 * the rest of the arena tells what happened to the log; the prompt categories, classified
 * on a thread of their own; and the fun stats drawn from them all.
 */
final class BoardsModule implements Module {
    final HiddenModels hidden;
    final Leaderboard leaderboard;
    final LeaderboardExport export;
    final StrengthBoard strengths;
    final ControlledBoard controlled;
    final Boards boards;
    final CategoryTagger tagger;
    final Categories categories;
    final FunStats funStats;
    private final ScheduledExecutorService ratings = Threads.single("ratings");
    private final ScheduledExecutorService classifying = Threads.single("categories");
    private final ModelCatalog catalog;
    private final CountDownLatch listening = new CountDownLatch(1);
    private final CountDownLatch loaded = new CountDownLatch(1);

    BoardsModule(ArenaConfig config, BattleLog battleLog, ModelCatalog catalog, ObjectMapper json, Clock clock) {
        this.catalog = catalog;
        LeaderboardJson file = new LeaderboardJson(json, Path.of(config.leaderboardFile()));
        String exportBlocked = LeaderboardStartup.importIfFirstStart(file, battleLog, clock.instant());
        hidden = new HiddenModels(battleLog);
        ModelSizes sizes = new ModelSizes(catalog, battleLog);
        leaderboard = new Leaderboard(battleLog, catalog, sizes, hidden, config.countIdentityLeaks());
        export = new LeaderboardExport(leaderboard, file, exportBlocked);
        strengths = new StrengthBoard(
                battleLog, leaderboard, catalog, sizes, config.ratings(), config.countIdentityLeaks(), ratings);
        controlled = new ControlledBoard(
                battleLog.covariates(),
                strengths,
                sizes,
                config.ratings(),
                tag -> catalog.find(tag).map(CatalogEntry::name).orElse(tag),
                config.countIdentityLeaks());
        tagger = new CategoryTagger(
                battleLog.categories(),
                battleLog.covariates(),
                () -> new PromptClassifier(config.categories(), new PromptLanguage()),
                classifying,
                () -> {});
        categories = new Categories(
                battleLog.categories(),
                config.categories(),
                config.countIdentityLeaks(),
                () -> leaderboard.version() + tagger.version());
        boards = new Boards(leaderboard, strengths, export, tagger::request);
        funStats = new FunStats(leaderboard, strengths, hidden, catalog, categories, battleLog.stats());
    }

    /**
     * The replay of the log (a second on a million votes) and then the first fit are the ratings
     * thread's first task, held until the port is open ({@link #listening}): run alongside the
     * server's own start they would slow it. Until they land the boards answer that they are
     * loading. Sizes feed the ELO and the Bradley-Terry board: they are replayed when sizes
     * change, on the ratings thread too (so always after the first replay), never on a reader's
     * request (a replay holds up every vote). Start this before the catalog's first look.
     */
    @Override
    public void start() {
        ratings.execute(() -> {
            try {
                listening.await();
                Module.safely(boards::loadFromLog);
                Module.safely(strengths::recomputeNow);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed before the port opened
            } finally {
                loaded.countDown();
            }
        });
        tagger.request();
        catalog.onSizesChange(() -> {
            try {
                ratings.execute(() -> Module.safely(boards::logRewritten));
            } catch (RejectedExecutionException e) {
                // shutting down: no board to keep
            }
        });
    }

    /** The server takes requests: the boards may replay the log now. */
    void listening() {
        listening.countDown();
    }

    /** Waits up to {@code timeout} for the replay and the first fit to end (well or not); false if they did not. */
    boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the ratings thread, after any refit already queued. */
    void onRatingsThread(Runnable task) {
        ratings.execute(() -> Module.safely(task));
    }

    /** Finishes a pending leaderboard.json write, so a clean shutdown leaves the file current. */
    @Override
    public void close() {
        ratings.shutdownNow();
        classifying.shutdownNow();
        try {
            // A pass under way reads the log, which closes next.
            classifying.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        export.close();
    }
}
