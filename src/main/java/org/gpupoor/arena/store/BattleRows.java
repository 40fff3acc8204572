package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads one battle with its answers and vote back into a {@link BattleRecord}. */
final class BattleRows {
    private BattleRows() {
    }

    static Optional<BattleRecord> find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT b.*, v.outcome, v.voted_at FROM battles b LEFT JOIN votes v ON v.battle_id = b.id WHERE b.id = ?""")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Map<String, SideRecord> sides = answers(c, id);
                return Optional.of(map(r, sides.get("a"), sides.get("b")));
            }
        }
    }

    private static Map<String, SideRecord> answers(Connection c, String id) throws SQLException {
        Map<String, SideRecord> sides = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM answers WHERE battle_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sides.put(r.getString("side"), new SideRecord(r.getString("text"),
                            Jdbc.toInteger(Jdbc.getLong(r, "eval_count")), Jdbc.getDouble(r, "tokens_per_second"),
                            Jdbc.getLong(r, "ttft_ms"), Jdbc.getLong(r, "total_ms"), r.getString("done_reason"), r.getString("error")));
                }
            }
        }
        return sides;
    }

    private static BattleRecord map(ResultSet r, SideRecord a, SideRecord b) throws SQLException {
        return new BattleRecord(r.getString("id"), Instant.parse(r.getString("created_at")), r.getString("prompt"),
                r.getString("model_a"), r.getString("model_b"), Jdbc.getDouble(r, "size_a"), Jdbc.getDouble(r, "size_b"),
                r.getString("status"), r.getString("failure"), r.getString("flagged"), r.getInt("imported") == 1, Jdbc.instant(r.getString("finished_at")),
                a, b, r.getString("outcome"), Jdbc.instant(r.getString("voted_at")));
    }
}
