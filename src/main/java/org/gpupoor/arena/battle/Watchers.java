package org.gpupoor.arena.battle;

import java.time.Instant;

/**
 * Who is watching a battle: how many clients follow its events now, and when one last read it.
 * Its own monitor rather than the battle's lock: nothing else of the battle is read with it, and
 * nobody waits inside.
 */
final class Watchers {
    private Instant lastWatched;
    private int count;

    Watchers(Instant since) {
        this.lastWatched = since;
    }

    synchronized void touched(Instant at) {
        lastWatched = at;
    }

    synchronized Instant lastWatched() {
        return lastWatched;
    }

    synchronized void joined() {
        count++;
    }

    synchronized void left(Instant at) {
        count--;
        lastWatched = at;
    }

    synchronized boolean any() {
        return count > 0;
    }
}
