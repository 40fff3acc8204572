package org.gpupoor.arena.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/** Waits for something a test cannot be told about directly (a file, a database row, a board), up to a deadline. */
public final class Poll {
    /** A condition that may throw, as database and HTTP checks do. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Poll() {}

    /** Returns as soon as {@code condition} holds; fails with {@code what} once {@code timeout} has passed. */
    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
