package org.gpupoor.arena.battle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.gpupoor.arena.ollama.Watchdog;

/**
 * The battles kept in memory: those generating, with the watchdogs that can stop their sides,
 * and finished ones until they are voted on or left alone for a while (the log has them all).
 * Of the battles read back from the log only the latest {@code restoredKept} stay: someone
 * reading thousands of old battles must not fill the heap.
 */
final class LiveBattles {
    static final int RESTORED_KEPT = 2_000;

    private final Map<String, LiveBattle> battles = new ConcurrentHashMap<>();
    private final Map<String, Map<Side, Watchdog>> running = new ConcurrentHashMap<>();
    // The few battles generating, apart from the thousands waiting for votes: each new battle
    // asks which models are in use, and must not walk them all.
    private final Set<LiveBattle> generating = ConcurrentHashMap.newKeySet();
    private final Map<String, LiveBattle> restored;

    LiveBattles() {
        this(RESTORED_KEPT);
    }

    LiveBattles(int restoredKept) {
        // In access order: the battle read longest ago goes first.
        this.restored = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LiveBattle> eldest) {
                return size() > restoredKept;
            }
        };
    }

    void add(LiveBattle battle, Map<Side, Watchdog> watchdogs) {
        battles.put(battle.id(), battle);
        running.put(battle.id(), watchdogs);
        // After the battle (or its new turn) is generating; a prune that saw it finished waits.
        synchronized (generating) {
            generating.add(battle);
        }
    }

    LiveBattle get(String id) {
        LiveBattle live = battles.get(id);
        if (live != null) {
            return live;
        }
        synchronized (restored) {
            return restored.get(id);
        }
    }

    /** The one copy of a battle read back from the log (while it stays among the latest read). */
    LiveBattle keep(LiveBattle battle) {
        LiveBattle live = battles.get(battle.id());
        if (live != null) {
            return live;
        }
        synchronized (restored) {
            return restored.computeIfAbsent(battle.id(), k -> battle);
        }
    }

    /** A voted battle's answers, kept token by token for event streams, are no longer needed. */
    void voted(LiveBattle battle) {
        battles.remove(battle.id(), battle);
        synchronized (restored) {
            restored.remove(battle.id(), battle);
        }
        running.remove(battle.id());
    }

    /** The models of every battle generating now, but {@code except} (null for none); one waiting in line uses none yet. */
    Set<String> inUseBesides(LiveBattle except) {
        pruneGenerating();
        Set<String> models = new HashSet<>();
        for (LiveBattle b : generating) {
            if (b != except && b.status() == LiveBattle.Status.GENERATING && !b.waiting()) {
                models.add(b.contender(Side.A).tag());
                models.add(b.contender(Side.B).tag());
            }
        }
        return models;
    }

    /** Battles still generating that nobody has watched since {@code cutoff}. */
    List<LiveBattle> unwatchedSince(Instant cutoff) {
        pruneGenerating();
        return generating.stream()
                .filter(b -> b.status() == LiveBattle.Status.GENERATING
                        && !b.watched()
                        && !b.lastWatched().isAfter(cutoff))
                .toList();
    }

    private void pruneGenerating() {
        synchronized (generating) {
            generating.removeIf(b -> b.status() != LiveBattle.Status.GENERATING);
        }
    }

    /** Stops a battle's sides. */
    void cancel(LiveBattle battle) {
        Map<Side, Watchdog> watchdogs = running.get(battle.id());
        if (watchdogs != null) {
            watchdogs.values().forEach(Watchdog::cancel);
        }
    }

    void cancelAll() {
        running.values().forEach(w -> w.values().forEach(Watchdog::cancel));
    }

    /** Drops finished battles nobody has touched for {@code keep}. */
    void evictIdle(Supplier<Instant> now, Duration keep) {
        Instant cutoff = now.get().minus(keep);
        battles.values()
                .removeIf(b -> b.status() != LiveBattle.Status.GENERATING
                        && b.lastActivity().isBefore(cutoff));
        running.keySet()
                .removeIf(id -> !battles.containsKey(id) || battles.get(id).status() != LiveBattle.Status.GENERATING);
        synchronized (restored) {
            restored.values().removeIf(b -> b.lastActivity().isBefore(cutoff));
        }
    }
}
