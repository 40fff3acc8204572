package org.gpupoor.arena;

import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gpupoor.arena.battle.BattleService;
import org.gpupoor.arena.concurrent.Threads;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.matchmaking.Matchmaker;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.web.RateLimiter;

/**
 * Battles and votes: the service, its deadline timers, the per-address rate limits, and the
 * housekeeping that stops abandoned battles and lets finished ones leave memory.
 */
final class BattlesModule implements Module {
    final BattleService battles;
    final RateLimiter battleLimit;
    final RateLimiter voteLimit;
    private final ScheduledExecutorService deadlines = Threads.single("deadlines");
    private final ScheduledExecutorService housekeeping = Threads.single("housekeeping");
    private final ExecutorService preloads = Threads.single("preload");

    BattlesModule(
            ArenaConfig config,
            LiveConfig live,
            BattleLog battleLog,
            OllamaModule ollama,
            BoardsModule boards,
            ArenaMetrics metrics,
            Clock clock) {
        battles = new BattleService(
                battleLog,
                ollama.catalog,
                boards.leaderboard,
                boards.boards,
                ollama.ollama,
                ollama.generations,
                deadlines,
                live,
                clock,
                new Matchmaker(live, ollama.residency, boards.leaderboard, boards.strengths, battleLog, new Random()),
                preloads,
                metrics);
        battleLimit = new RateLimiter(config.rateLimits().battlesPerMinute());
        voteLimit = new RateLimiter(config.rateLimits().votesPerMinute());
    }

    @Override
    public void start() {
        housekeeping.scheduleWithFixedDelay(() -> Module.safely(battles::closeAbandoned), 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(() -> Module.safely(battles::evictIdle), 1, 1, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(
                () -> Module.safely(() -> {
                    battleLimit.forgetIdle();
                    voteLimit.forgetIdle();
                }),
                5,
                5,
                TimeUnit.MINUTES);
    }

    /** Stops every generation still running; what they leave is closed as stopped. */
    @Override
    public void close() {
        battles.cancelAll();
        housekeeping.shutdownNow();
        preloads.shutdownNow();
        deadlines.shutdownNow();
    }
}
