package org.gpupoor.arena.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

/** What the fun stats need of the log beyond the boards: when the counted votes were cast. */
public final class StatsLog {
    private final LogAccess access;

    StatsLog(LogAccess access) {
        this.access = access;
    }

    /**
     * Counted votes per UTC hour of the day (0 to 23; hours without votes absent). Imported
     * battles are left out: they all carry the moment of the import, not of a vote. The hour is
     * read from the stored ISO-8601 text, the same on SQLite and PostgreSQL.
     */
    public Map<Integer, Long> votesPerHour(boolean includeFlagged) {
        return access.read(c -> {
            Map<Integer, Long> perHour = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT SUBSTR(v.voted_at, 12, 2), COUNT(*) FROM votes v JOIN battles b ON b.id = v.battle_id
                    WHERE (v.excluded IS NULL OR (? AND v.excluded = 'flagged')) AND b.imported = 0
                    GROUP BY SUBSTR(v.voted_at, 12, 2)""")) {
                s.setBoolean(1, includeFlagged);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        perHour.put(Integer.parseInt(r.getString(1)), r.getLong(2));
                    }
                }
            }
            return perHour;
        });
    }
}
