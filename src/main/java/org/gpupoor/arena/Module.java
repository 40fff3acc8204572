package org.gpupoor.arena;

/**
 * A part of the arena that owns its threads and schedules: built by a plain constructor that
 * starts nothing, started in order, closed in the reverse order (see {@link App}).
 */
interface Module extends AutoCloseable {
    /** Starts the module's threads and schedules; everything it needs is built. */
    default void start() {}

    /** Stops what {@link #start} started and lets go of what the module holds; never throws. */
    @Override
    void close();

    /** Runs a background task, logging instead of losing the thread to an exception. */
    static void safely(Runnable task) {
        App.safely(task);
    }
}
