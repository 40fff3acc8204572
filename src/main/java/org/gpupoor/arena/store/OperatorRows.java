package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The log's SQL for an operator's decisions: voided votes and hidden models. Each one also moves
 * {@code log_changes}, so every arena instance on a shared log rebuilds its boards.
 */
final class OperatorRows {
    private OperatorRows() {}

    static OperatorLog.Voided voidVote(Connection c, String battleId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT excluded FROM votes WHERE battle_id = ?")) {
            s.setString(1, battleId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return exists(c, battleId) ? OperatorLog.Voided.NO_VOTE : OperatorLog.Voided.NO_BATTLE;
                }
                if ("voided".equals(r.getString(1)) || "not_ready".equals(r.getString(1))) {
                    return OperatorLog.Voided.ALREADY_EXCLUDED;
                }
            }
        }
        update(c, "UPDATE votes SET excluded = 'voided' WHERE battle_id = ?", battleId);
        return OperatorLog.Voided.VOIDED;
    }

    private static boolean exists(Connection c, String battleId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM battles WHERE id = ?")) {
            s.setString(1, battleId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Voids every vote of {@code voter} that still counted or could; returns how many. */
    static int voidVoter(Connection c, String voter) throws SQLException {
        int changed;
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE votes SET excluded = 'voided'
                WHERE voter = ? AND (excluded IS NULL OR excluded IN ('flagged', 'too_fast'))""")) {
            s.setString(1, voter);
            changed = s.executeUpdate();
        }
        if (changed > 0) {
            noteChange(c); // nothing changed, nothing for the other instances to rebuild
        }
        return changed;
    }

    static Set<String> hiddenModels(Connection c) throws SQLException {
        Set<String> tags = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT tag FROM hidden_models");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                tags.add(r.getString(1));
            }
        }
        return tags;
    }

    static boolean hide(Connection c, String tag, Instant at) throws SQLException {
        return update(
                        c,
                        "INSERT INTO hidden_models (tag, hidden_at) VALUES (?, ?) ON CONFLICT (tag) DO NOTHING",
                        tag,
                        at.toString())
                == 1;
    }

    static boolean show(Connection c, String tag) throws SQLException {
        return update(c, "DELETE FROM hidden_models WHERE tag = ?", tag) == 1;
    }

    static long changeVersion(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM log_changes WHERE id = 1");
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0L;
        }
    }

    /** Runs one change and notes it in log_changes, in the caller's transaction. */
    private static int update(Connection c, String sql, String... values) throws SQLException {
        int changed;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            changed = s.executeUpdate();
        }
        noteChange(c);
        return changed;
    }

    private static void noteChange(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE log_changes SET version = version + 1 WHERE id = 1")) {
            s.executeUpdate();
        }
    }
}
