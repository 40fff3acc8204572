package org.gpupoor.arena.ollama;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Enforces one generation's deadlines and lets the battle cancel it. When it stops a generation
 * it tells the listener at once, so the battle never waits on the reading thread, and it
 * interrupts that thread: a plain-http stream ({@link PlainHttp}) is closed at once, as is the JDK
 * client's (https) on Java 21 and newer; on Java 17 that client's read ignores interrupts and the
 * thread is released only when Ollama ends the stream. Every state change happens under the monitor, so no interrupt can
 * reach the thread after {@link #finish()} has returned.
 */
public final class Watchdog {
    public enum Verdict {
        RUNNING,
        FIRST_TOKEN_LATE,
        TOTAL_TIME_EXCEEDED,
        CANCELLED,
        FINISHED
    }

    private final ScheduledExecutorService timers;
    private final Duration firstTokenDeadline;
    private final Duration totalDeadline;
    private Verdict verdict = Verdict.RUNNING;
    private Thread worker;
    private ScheduledFuture<?> firstTokenTimer;
    private ScheduledFuture<?> totalTimer;
    private Consumer<Verdict> onStop = verdict -> {};

    public Watchdog(ScheduledExecutorService timers, Duration firstTokenDeadline, Duration totalDeadline) {
        this.timers = timers;
        this.firstTokenDeadline = firstTokenDeadline;
        this.totalDeadline = totalDeadline;
    }

    /** Called with the reason, once, when a deadline or a cancellation stops the generation. */
    synchronized void onStop(Consumer<Verdict> listener) {
        this.onStop = listener;
    }

    /** Starts the clocks for the calling thread; false if the generation was cancelled already. */
    synchronized boolean arm() {
        if (verdict != Verdict.RUNNING) {
            return false;
        }
        worker = Thread.currentThread();
        firstTokenTimer = timers.schedule(
                () -> stop(Verdict.FIRST_TOKEN_LATE), firstTokenDeadline.toMillis(), TimeUnit.MILLISECONDS);
        totalTimer = timers.schedule(
                () -> stop(Verdict.TOTAL_TIME_EXCEEDED), totalDeadline.toMillis(), TimeUnit.MILLISECONDS);
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
        onStop.accept(reason);
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
