package org.gpupoor.arena.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.rating.AnswerStyle;
import org.gpupoor.arena.rating.Outcome;

/**
 * Reads the counted battles for the export, in vote order, a page at a time: no connection or
 * read transaction stays open while a slow client downloads, so checkpoints and votes go on.
 */
public final class ExportRows {
    /** Receives one battle at a time; may fail writing to its client. */
    public interface Sink {
        void accept(ExportedBattle battle) throws IOException;
    }

    private static final int PAGE = 2000;

    private ExportRows() {}

    /**
     * Hands every counted battle to {@code sink} in vote order, as the log stood when the export
     * began, and returns how many there were; the connection is released between pages.
     */
    static long export(LogAccess access, boolean includeFlagged, boolean includeText, Sink sink) throws IOException {
        long last = access.read(ExportRows::lastSeq);
        long after = 0;
        long count = 0;
        while (true) {
            long from = after;
            Page page = access.read(c -> page(c, includeFlagged, includeText, from, last, PAGE));
            for (ExportedBattle battle : page.battles()) {
                sink.accept(battle);
            }
            count += page.battles().size();
            if (page.battles().size() < PAGE) {
                return count;
            }
            after = page.lastSeq();
        }
    }

    /** One page of the export and the vote sequence number it reached. */
    private record Page(List<ExportedBattle> battles, long lastSeq) {}

    /** The newest vote's sequence number: the export stops there, so it shows the log as it was when it began. */
    private static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM votes");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Up to {@code limit} counted battles voted after {@code afterSeq} and no later than {@code lastSeq}, in vote order. */
    private static Page page(
            Connection c, boolean includeFlagged, boolean includeText, long afterSeq, long lastSeq, int limit)
            throws SQLException {
        String text = includeText ? "b.prompt, aa.text, ab.text" : "NULL, NULL, NULL";
        try (PreparedStatement s = c.prepareStatement("""
                SELECT b.id, b.created_at, v.voted_at, b.model_a, b.model_b, b.size_a, b.size_b, v.outcome, b.imported, %s,
                       aa.eval_count, aa.tokens_per_second, aa.ttft_ms, aa.total_ms, aa.done_reason,
                       ab.eval_count, ab.tokens_per_second, ab.ttft_ms, ab.total_ms, ab.done_reason, v.seq, v.voter,
                       b.categories, aa.load_ms, aa.headers, aa.list_items, aa.bold,
                       ab.load_ms, ab.headers, ab.list_items, ab.bold,
                       (SELECT count(*) FROM turns t WHERE t.battle_id = b.id)
                FROM votes v JOIN battles b ON b.id = v.battle_id
                LEFT JOIN answers aa ON aa.battle_id = b.id AND aa.side = 'a'
                LEFT JOIN answers ab ON ab.battle_id = b.id AND ab.side = 'b'
                WHERE v.seq > ? AND v.seq <= ? AND (v.excluded IS NULL OR (? AND v.excluded = 'flagged'))
                ORDER BY v.seq LIMIT ?""".formatted(text))) {
            s.setLong(1, afterSeq);
            s.setLong(2, lastSeq);
            s.setBoolean(3, includeFlagged);
            s.setInt(4, limit);
            List<ExportedBattle> battles = new ArrayList<>();
            long reached = afterSeq;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    boolean imported = r.getInt(9) == 1;
                    battles.add(new ExportedBattle(
                            r.getString(1),
                            Instant.parse(r.getString(2)),
                            Instant.parse(r.getString(3)),
                            r.getString(4),
                            r.getString(5),
                            nullableDouble(r, 6),
                            nullableDouble(r, 7),
                            Outcome.fromWire(r.getString(8)).orElseThrow(),
                            imported,
                            r.getString(10),
                            imported ? null : side(r, 11, 13, 26),
                            imported ? null : side(r, 12, 18, 30),
                            r.getString(24),
                            categories(r.getString(25)),
                            imported ? null : style(r, 27),
                            imported ? null : style(r, 31),
                            r.getLong(34) == 0 ? List.of() : TurnLog.rows(c, r.getString(1), includeText)));
                    reached = r.getLong(23);
                }
            }
            return new Page(battles, reached);
        }
    }

    private static SideRecord side(ResultSet r, int textColumn, int first, int loadColumn) throws SQLException {
        Long tokens = nullableLong(r, first);
        return new SideRecord(
                r.getString(textColumn),
                tokens == null ? null : tokens.intValue(),
                nullableDouble(r, first + 1),
                nullableLong(r, first + 2),
                nullableLong(r, first + 3),
                r.getString(first + 4),
                null,
                nullableLong(r, loadColumn));
    }

    /** Markdown counts, null when not counted yet (an answer stored before they were, not yet reached). */
    private static AnswerStyle style(ResultSet r, int first) throws SQLException {
        int headers = r.getInt(first);
        return r.wasNull() ? null : new AnswerStyle(headers, r.getInt(first + 1), r.getInt(first + 2));
    }

    private static List<String> categories(String stored) {
        return stored == null ? null : List.copyOf(CategoryLog.decode(stored));
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
