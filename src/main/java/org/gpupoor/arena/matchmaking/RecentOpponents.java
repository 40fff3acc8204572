package org.gpupoor.arena.matchmaking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.gpupoor.arena.store.BattleLog;

/**
 * Each model's most recent distinct opponents, newest first, kept in memory: a battle's pick no
 * longer reads them from the log (two index walks per model, before every first token). Read
 * from the log on first use and again once a minute (on a shared log other instances start
 * battles too); the battles this arena starts are added as they start.
 */
final class RecentOpponents {
    private static final long FRESH_NANOS = 60_000_000_000L;

    private record Entry(List<String> newestFirst, long readAt) {}

    private final BattleLog battleLog;
    private final int limit;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> byModel = new ConcurrentHashMap<>();

    RecentOpponents(BattleLog battleLog, int limit, LongSupplier nanoTime) {
        this.battleLog = battleLog;
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    List<String> of(String model) {
        Entry entry = byModel.get(model);
        if (entry == null || nanoTime.getAsLong() - entry.readAt() > FRESH_NANOS) {
            entry = new Entry(battleLog.recentOpponents(model, limit), nanoTime.getAsLong());
            byModel.put(model, entry);
        }
        return entry.newestFirst();
    }

    /** A battle between {@code a} and {@code b} is in the log now. */
    void battled(String a, String b) {
        meets(a, b);
        meets(b, a);
    }

    private void meets(String model, String opponent) {
        byModel.computeIfPresent(model, (m, entry) -> {
            List<String> newest = new ArrayList<>(limit);
            newest.add(opponent);
            for (String earlier : entry.newestFirst()) {
                if (newest.size() < limit && !earlier.equals(opponent)) {
                    newest.add(earlier);
                }
            }
            return new Entry(List.copyOf(newest), entry.readAt());
        });
    }
}
