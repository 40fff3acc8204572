package org.gpupoor.arena;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools: virtual threads where the runtime has them (Java 21+), plain ones on Java 17. */
final class Threads {
    private Threads() {
    }

    static ExecutorService workers(String name) {
        // Looked up by name because the code is compiled for Java 17, where the method does not exist.
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newCachedThreadPool(daemon(name));
        }
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
