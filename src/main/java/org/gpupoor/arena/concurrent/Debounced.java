package org.gpupoor.arena.concurrent;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job that many events ask for and one run serves: requests that arrive before the run starts
 * share it, a run starts {@code wait} after the request that scheduled it and no sooner than
 * {@code spacing} after the previous run started, and runs never overlap (one thread runs them).
 */
public final class Debounced {
    private static final Logger log = LoggerFactory.getLogger(Debounced.class);

    private final String name;
    private final ScheduledExecutorService thread;
    private final long waitNanos;
    private final long spacingNanos;
    private final Runnable job;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastStart;

    public Debounced(String name, ScheduledExecutorService thread, Duration wait, Duration spacing, Runnable job) {
        this.name = name;
        this.thread = thread;
        this.waitNanos = wait.toNanos();
        this.spacingNanos = spacing.toNanos();
        this.job = job;
        this.lastStart = System.nanoTime() - spacingNanos;
    }

    public void request() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(waitNanos, lastStart + spacingNanos - System.nanoTime());
        try {
            thread.schedule(this::run, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            pending.set(false); // shutting down: nothing left to keep up to date
        }
    }

    private void run() {
        lastStart = System.nanoTime();
        pending.set(false); // before the job: a request arriving during it schedules the next run
        try {
            job.run();
        } catch (RuntimeException e) {
            log.error("{} failed", name, e);
        }
    }
}
