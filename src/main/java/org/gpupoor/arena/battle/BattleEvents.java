package org.gpupoor.arena.battle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Every event sent about one battle, kept so that a client connecting late or reconnecting
 * receives the whole story from the start, and the waiting for the next one. Guarded by the
 * battle's lock, so that what a watcher reads of the battle and its events agree.
 */
final class BattleEvents {
    private final ReentrantLock lock;
    private final Condition changed;
    private final List<BattleEvent> events = new ArrayList<>();

    BattleEvents(ReentrantLock lock) {
        this.lock = lock;
        this.changed = lock.newCondition();
    }

    /** Sends an event whose data are {@code pairs} of name and value; call holding the battle's lock. */
    void publish(String name, Object... pairs) {
        events.add(new BattleEvent(events.size() + 1, name, pairs));
        changed.signalAll();
    }

    /**
     * Events after {@code lastSeenId}, waiting up to {@code timeoutMillis} for one if there are none
     * yet. A client that has seen everything of a {@code finished} battle gets the last event (its
     * {@code end}) again, so that it stops instead of waiting for events that will never come.
     */
    List<BattleEvent> after(long lastSeenId, long timeoutMillis, BooleanSupplier finished) throws InterruptedException {
        lock.lock();
        try {
            long seen = Math.min(Math.max(0, lastSeenId), events.size());
            if (seen == events.size() && finished.getAsBoolean()) {
                return List.of(events.get(events.size() - 1));
            }
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (events.size() <= seen) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return List.of();
                }
                changed.await(left, TimeUnit.MILLISECONDS);
            }
            return List.copyOf(events.subList((int) seen, events.size()));
        } finally {
            lock.unlock();
        }
    }
}
