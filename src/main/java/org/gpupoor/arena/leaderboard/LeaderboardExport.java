package org.gpupoor.arena.leaderboard;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps leaderboard.json in step with the boards, off the vote's path: a burst of votes leads
 * to one rewrite, not one per vote. A file that was corrupt at start is left for a human.
 */
public final class LeaderboardExport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderboardExport.class);

    private final Leaderboard leaderboard;
    private final LeaderboardJson file;
    private final String blockedBecause;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leaderboard-json");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

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
        if (blockedBecause != null || !pending.compareAndSet(false, true)) {
            return;
        }
        writer.execute(() -> {
            pending.set(false);
            writeNow();
        });
    }

    private void writeNow() {
        try {
            file.write(leaderboard.counts());
        } catch (IOException | RuntimeException e) {
            log.error("Could not write {}: {}", file.file(), e.toString());
        }
    }

    /** Finishes a pending write, so a clean shutdown leaves the file current. */
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
