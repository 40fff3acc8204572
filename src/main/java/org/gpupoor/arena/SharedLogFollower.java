package org.gpupoor.arena;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.leaderboard.Boards;
import org.gpupoor.arena.leaderboard.HiddenModels;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.store.BattleLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class SharedLogFollower {
    private static final Logger log = LoggerFactory.getLogger(SharedLogFollower.class);

    private SharedLogFollower() {}

    /**
     * Several arena instances on one log: each counts its own votes at once and the others' within
     * a second, always in the log's order, so every instance shows the same boards.
     */
    static void start(
            BattleLog battleLog,
            Leaderboard leaderboard,
            HiddenModels hidden,
            Boards boards,
            ScheduledExecutorService timers,
            LiveConfig live,
            Clock clock) {
        battleLog.beforeEachOwnVote(leaderboard::ownVoteAt);
        long[] changesSeen = {battleLog.operators().changeVersion()};
        timers.scheduleWithFixedDelay(
                () -> App.safely(() -> {
                    long changes = battleLog.operators().changeVersion();
                    boolean rewritten = changes != changesSeen[0];
                    if (rewritten) {
                        // A vote voided or a model hidden, here or on another instance: rebuild from the log.
                        changesSeen[0] = changes;
                        hidden.reload();
                        boards.logRewritten();
                    }
                    if (battleLog.withWritesPaused(() -> leaderboard.catchUp(Long.MAX_VALUE)) > 0) {
                        boards.votesStored(true);
                    }
                }),
                1,
                1,
                TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(
                () -> App.safely(() -> {
                    ArenaConfig now = live.current();
                    long longest = 3600L
                            + 2L
                                    * (now.deadlines().firstTokenSeconds()
                                            + now.deadlines().totalSeconds());
                    int stale = battleLog.failStale(
                            "The arena instance running this battle stopped before it finished.",
                            clock.instant().minusSeconds(longest),
                            clock.instant());
                    if (stale > 0) {
                        log.info("Closed {} battles left generating by a stopped instance", stale);
                    }
                }),
                0,
                1,
                TimeUnit.MINUTES);
    }
}
