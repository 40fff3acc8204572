package org.gpupoor.arena.ollama;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces one generation's deadlines and lets the battle cancel it, by interrupting the thread
 * that is blocked in Ollama4j (the JDK HTTP client's body stream gives up on interrupt).
 * Every state change happens under the monitor, so no interrupt can reach the thread after
 * {@link #finish()} has returned.
 */
public final class Watchdog {
    public enum Verdict { RUNNING, FIRST_TOKEN_LATE, TOTAL_TIME_EXCEEDED, CANCELLED, FINISHED }

    private final ScheduledExecutorService timers;
    private final Duration firstTokenDeadline;
    private final Duration totalDeadline;
    private Verdict verdict = Verdict.RUNNING;
    private Thread worker;
    private ScheduledFuture<?> firstTokenTimer;
    private ScheduledFuture<?> totalTimer;

    public Watchdog(ScheduledExecutorService timers, Duration firstTokenDeadline, Duration totalDeadline) {
        this.timers = timers;
        this.firstTokenDeadline = firstTokenDeadline;
        this.totalDeadline = totalDeadline;
    }

    /** Starts the clocks for the calling thread; false if the generation was cancelled already. */
    synchronized boolean arm() {
        if (verdict != Verdict.RUNNING) {
            return false;
        }
        worker = Thread.currentThread();
        firstTokenTimer = timers.schedule(() -> stop(Verdict.FIRST_TOKEN_LATE), firstTokenDeadline.toMillis(), TimeUnit.MILLISECONDS);
        totalTimer = timers.schedule(() -> stop(Verdict.TOTAL_TIME_EXCEEDED), totalDeadline.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** The model has started answering: from now on only the total deadline applies. */
    synchronized void started() {
        if (firstTokenTimer != null) {
            firstTokenTimer.cancel(false);
        }
    }

    /** Stops the generation, whether or not it has begun. */
    public void cancel() {
        stop(Verdict.CANCELLED);
    }

    /** Ends the watch; returns FINISHED, or why the generation was stopped. Clears our interrupt. */
    synchronized Verdict finish() {
        cancelTimers();
        if (verdict == Verdict.RUNNING) {
            verdict = Verdict.FINISHED;
        } else if (worker == Thread.currentThread()) {
            Thread.interrupted();
        }
        return verdict;
    }

    synchronized Verdict verdict() {
        return verdict;
    }

    Duration firstTokenDeadline() {
        return firstTokenDeadline;
    }

    Duration totalDeadline() {
        return totalDeadline;
    }

    private synchronized void stop(Verdict reason) {
        if (verdict != Verdict.RUNNING) {
            return;
        }
        verdict = reason;
        cancelTimers();
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void cancelTimers() {
        if (firstTokenTimer != null) {
            firstTokenTimer.cancel(false);
        }
        if (totalTimer != null) {
            totalTimer.cancel(false);
        }
    }
}
