package org.gpupoor.arena.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.gpupoor.arena.rating.Outcome;

/** Reads the counted battles for the export, in vote order, one row at a time. */
public final class ExportRows {
    /** Receives one battle at a time; may fail writing to its client. */
    public interface Sink {
        void accept(ExportedBattle battle) throws IOException;
    }

    private ExportRows() {
    }

    static long stream(Connection c, boolean includeFlagged, boolean includeText, Sink sink) throws SQLException {
        String text = includeText ? "b.prompt, aa.text, ab.text" : "NULL, NULL, NULL";
        try (PreparedStatement s = c.prepareStatement("""
                SELECT b.id, b.created_at, v.voted_at, b.model_a, b.model_b, b.size_a, b.size_b, v.outcome, b.imported, %s,
                       aa.eval_count, aa.tokens_per_second, aa.ttft_ms, aa.total_ms, aa.done_reason,
                       ab.eval_count, ab.tokens_per_second, ab.ttft_ms, ab.total_ms, ab.done_reason
                FROM votes v JOIN battles b ON b.id = v.battle_id
                LEFT JOIN answers aa ON aa.battle_id = b.id AND aa.side = 'a'
                LEFT JOIN answers ab ON ab.battle_id = b.id AND ab.side = 'b'
                WHERE b.status = 'ready' AND (b.flagged IS NULL OR ?) ORDER BY v.seq""".formatted(text))) {
            s.setBoolean(1, includeFlagged);
            s.setFetchSize(1000);
            long count = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    boolean imported = r.getInt(9) == 1;
                    try {
                        sink.accept(new ExportedBattle(r.getString(1), Instant.parse(r.getString(2)), Instant.parse(r.getString(3)),
                                r.getString(4), r.getString(5), nullableDouble(r, 6), nullableDouble(r, 7),
                                Outcome.fromWire(r.getString(8)).orElseThrow(), imported, r.getString(10),
                                imported ? null : side(r, 11, 13), imported ? null : side(r, 12, 18)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count++;
                }
            }
            return count;
        }
    }

    private static SideRecord side(ResultSet r, int textColumn, int first) throws SQLException {
        Long tokens = nullableLong(r, first);
        return new SideRecord(r.getString(textColumn), tokens == null ? null : tokens.intValue(), nullableDouble(r, first + 1),
                nullableLong(r, first + 2), nullableLong(r, first + 3), r.getString(first + 4), null);
    }

    private static Double nullableDouble(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }
}
