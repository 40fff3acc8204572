package org.gpupoor.arena;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gpupoor.arena.concurrent.Threads;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.ConfigWatcher;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.store.BattleLog;

/**
 * What an operator changes while the arena runs: edits to the config file (applied to the
 * catalog, the rate limits and the boards), and, on a log several instances share, the other
 * instances' votes, voids and hides.
 */
final class OperationsModule implements Module {
    final ConfigWatcher watcher;
    private final ScheduledExecutorService thread = Threads.single("operations");
    private final ArenaConfig config;
    private final LiveConfig live;
    private final BattleLog battleLog;
    private final OllamaModule ollama;
    private final BoardsModule boards;
    private final BattlesModule battles;
    private final Clock clock;

    OperationsModule(
            ArenaConfig config,
            LiveConfig live,
            App.Operations operations,
            BattleLog battleLog,
            OllamaModule ollama,
            BoardsModule boards,
            BattlesModule battles,
            Clock clock) {
        this.config = config;
        this.live = live;
        this.battleLog = battleLog;
        this.ollama = ollama;
        this.boards = boards;
        this.battles = battles;
        this.clock = clock;
        this.watcher = operations.configFile() == null
                ? null
                : new ConfigWatcher(operations.configFile(), operations.overrides(), live);
    }

    @Override
    public void start() {
        live.onChange((before, next) -> {
            var catalogUpdated = ollama.catalog.reconfigure(next);
            battles.battleLimit.setPerMinute(next.rateLimits().battlesPerMinute());
            battles.voteLimit.setPerMinute(next.rateLimits().votesPerMinute());
            if (!before.models().equals(next.models())) {
                // The Bradley-Terry board keeps the names it was fitted with: refit once the catalog
                // has the new ones. Changed sizes replay the boards through the catalog's listener.
                catalogUpdated.thenRun(() -> boards.onRatingsThread(boards.boards::namesChanged));
            }
        });
        if (watcher != null) {
            thread.scheduleWithFixedDelay(() -> Module.safely(watcher::checkForEdits), 2, 2, TimeUnit.SECONDS);
        }
        if (config.storage().shared()) {
            SharedLogFollower.start(battleLog, boards.leaderboard, boards.hidden, boards.boards, thread, live, clock);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
