package org.gpupoor.arena.battle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Lets at most {@code slots} battles generate at once, so a crowd cannot bury a small machine's
 * Ollama; the rest wait first come, first served, and each waiting battle is told its place.
 */
final class BattleQueue {
    private record Waiting(LiveBattle battle, Runnable start) {}

    private final int slots;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private int running;

    BattleQueue(int slots) {
        this.slots = slots;
    }

    /** Starts the battle now if a slot is free, else puts it in line. */
    synchronized void submit(LiveBattle battle, Runnable start) {
        if (running < slots) {
            running++;
            start.run();
        } else {
            waiting.add(new Waiting(battle, start));
            battle.queued(waiting.size());
        }
    }

    /** A running battle has finished: the first in line starts. */
    synchronized void release() {
        running--;
        Waiting next = waiting.poll();
        if (next != null) {
            running++;
            next.start().run();
            announcePlaces();
        }
    }

    /** Takes a battle out of the line; false if it was not waiting (it runs or has run). */
    synchronized boolean withdraw(LiveBattle battle) {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            if (it.next().battle() == battle) {
                it.remove();
                announcePlaces();
                return true;
            }
        }
        return false;
    }

    synchronized int waitingCount() {
        return waiting.size();
    }

    private void announcePlaces() {
        int place = 1;
        for (Waiting w : waiting) {
            w.battle().queued(place++);
        }
    }
}
