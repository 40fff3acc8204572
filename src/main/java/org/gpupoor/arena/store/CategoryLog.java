package org.gpupoor.arena.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gpupoor.arena.rating.CountedBattle;

/**
 * The battles' prompt categories: which battles still need classifying, storing what the
 * classifier found, and the counted battles of one category. Stored as ",coding,english,".
 */
public final class CategoryLog {
    private final LogAccess access;

    CategoryLog(LogAccess access) {
        this.access = access;
    }

    /** A battle whose prompt has not been classified yet, and whether the voter asked follow-ups. */
    public record Unclassified(String id, String prompt, boolean multiTurn) {}

    /** A battle's categories as the classifier found them. */
    public record Classified(String id, SortedSet<String> categories) {}

    /** Up to {@code limit} battles not classified yet, oldest first. */
    public List<Unclassified> unclassified(int limit) {
        return access.read(c -> {
            List<Unclassified> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT b.id, b.prompt, EXISTS (SELECT 1 FROM turns t WHERE t.battle_id = b.id)
                    FROM battles b WHERE b.categories IS NULL ORDER BY b.created_at LIMIT ?""")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new Unclassified(r.getString(1), r.getString(2), r.getBoolean(3)));
                    }
                }
            }
            return found;
        });
    }

    public void store(Collection<Classified> classified) {
        if (classified.isEmpty()) {
            return;
        }
        access.write("store prompt categories", false, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE battles SET categories = ? WHERE id = ? AND categories IS NULL")) {
                for (Classified one : classified) {
                    s.setString(1, encode(one.categories()));
                    s.setString(2, one.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** The counted battles of one category, in vote order (only battles already classified). */
    public List<CountedBattle> countedInVoteOrder(String category, boolean includeFlagged) {
        return access.read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT v.model_a, v.model_b, v.outcome FROM votes v JOIN battles b ON b.id = v.battle_id
                    WHERE (v.excluded IS NULL OR (? AND v.excluded = 'flagged')) AND b.categories LIKE ?
                    ORDER BY v.seq""")) {
                s.setBoolean(1, includeFlagged);
                s.setString(2, "%," + category + ",%");
                return BattleRows.counted(s);
            }
        });
    }

    /** How many counted battles fall in each category, and how many are not classified yet. */
    public Counts counts(boolean includeFlagged) {
        return access.read(c -> {
            Map<String, Long> perCategory = new TreeMap<>();
            long unclassified = 0;
            long total = 0;
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT b.categories, COUNT(*) FROM votes v JOIN battles b ON b.id = v.battle_id
                    WHERE v.excluded IS NULL OR (? AND v.excluded = 'flagged') GROUP BY b.categories""")) {
                s.setBoolean(1, includeFlagged);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String stored = r.getString(1);
                        long n = r.getLong(2);
                        total += n;
                        if (stored == null) {
                            unclassified += n;
                        } else {
                            decode(stored).forEach(name -> perCategory.merge(name, n, Long::sum));
                        }
                    }
                }
            }
            return new Counts(total, unclassified, perCategory);
        });
    }

    /** Counted battles in all, those not classified yet, and per category. */
    public record Counts(long battles, long unclassified, Map<String, Long> perCategory) {}

    static String encode(SortedSet<String> categories) {
        return "," + String.join(",", categories) + (categories.isEmpty() ? "" : ",");
    }

    static SortedSet<String> decode(String stored) {
        SortedSet<String> names = new TreeSet<>();
        for (String name : stored.split(",")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
