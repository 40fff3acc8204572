package org.gpupoor.arena.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread the arena starts comes from here: named daemon threads for its few background
 * jobs, and virtual threads for generations where the runtime has them (Java 21+).
 */
public final class Threads {
    private Threads() {}

    public static ExecutorService workers(String name) {
        // Looked up by name because the code is compiled for Java 17, where the method does not exist.
        try {
            return (ExecutorService)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newCachedThreadPool(daemon(name));
        }
    }

    public static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One named daemon thread that runs scheduled jobs one at a time. */
    public static ScheduledExecutorService single(String name) {
        return Executors.newScheduledThreadPool(1, daemon(name));
    }

    /** A named daemon thread, not yet started. */
    public static Thread thread(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        return t;
    }
}
