package org.gpupoor.arena.leaderboard;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gpupoor.arena.concurrent.Debounced;
import org.gpupoor.arena.concurrent.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps leaderboard.json in step with the boards, off the vote's path: a burst of votes leads
 * to one rewrite, not one per vote, and rewrites start at most once a second, so a vote storm
 * does not keep the disk busy flushing a file that the log already makes redundant. A file
 * that was corrupt at start is left for a human.
 */
public final class LeaderboardExport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderboardExport.class);

    private final Leaderboard leaderboard;
    private final LeaderboardJson file;
    private final String blockedBecause;
    private final ScheduledExecutorService writer = Threads.single("leaderboard-json");
    private final Debounced write =
            new Debounced("Writing leaderboard.json", writer, Duration.ZERO, Duration.ofSeconds(1), this::writeNow);

    /** @param blockedBecause why the file must not be written (it was corrupt), or null */
    public LeaderboardExport(Leaderboard leaderboard, LeaderboardJson file, String blockedBecause) {
        this.leaderboard = leaderboard;
        this.file = file;
        this.blockedBecause = blockedBecause;
    }

    /** Null when the file is kept up to date, else the reason it is not. */
    public String problem() {
        return blockedBecause;
    }

    public void requestWrite() {
        if (blockedBecause == null) {
            write.request();
        }
    }

    private void writeNow() {
        if (leaderboard.loadState() != BoardsLoad.State.READY) {
            return; // boards not loaded from the log would overwrite the file with fewer battles
        }
        try {
            file.write(leaderboard.counts());
        } catch (IOException | RuntimeException e) {
            log.error("Could not write {}: {}", file.file(), e.toString());
        }
    }

    /** Finishes a pending write (a delayed one too), so a clean shutdown leaves the file current. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
