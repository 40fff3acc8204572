package org.gpupoor.arena.leaderboard;

import java.util.concurrent.CountDownLatch;

/**
 * The boards' first replay of the log, which runs after the port opens: until it ends the boards
 * are loading; then they are ready, or failed (the reason is in the server's log) until a later
 * replay of the whole log succeeds.
 */
public final class BoardsLoad {
    /** What /api/health reports as {@code boards}. */
    public enum State {
        LOADING,
        READY,
        FAILED;

        public String wire() {
            return name().toLowerCase();
        }
    }

    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile State state = State.LOADING;

    public State state() {
        return state;
    }

    boolean ready() {
        return state == State.READY;
    }

    void succeeded() {
        state = State.READY;
        ended.countDown();
    }

    void failed() {
        if (state == State.LOADING) {
            state = State.FAILED;
        }
        ended.countDown();
    }

    /** Returns once the first replay has ended, either way. */
    void awaitEnd() {
        boolean interrupted = false;
        while (true) {
            try {
                ended.await();
                break;
            } catch (InterruptedException e) {
                // A vote on disk must still reach the boards: wait on, and pass the interrupt along after.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Throws what a board request hears while the boards load, or after their replay failed. */
    void requireReady() {
        switch (state) {
            case LOADING -> throw BoardsUnavailableException.loading();
            case FAILED -> throw BoardsUnavailableException.failed();
            default -> {}
        }
    }
}
