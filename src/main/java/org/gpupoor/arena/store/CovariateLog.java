package org.gpupoor.arena.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.rating.AnswerStyle;
import org.gpupoor.arena.rating.Outcome;

/**
 * What the controlled boards need beside the votes: each counted battle's two answers' length,
 * markdown and speed. Answers stored before markdown was counted are counted in the background
 * ({@link #uncounted}, {@link #storeStyles}); until then they count as plain text.
 */
public final class CovariateLog {
    private final LogAccess access;

    CovariateLog(LogAccess access) {
        this.access = access;
    }

    /** One side of a voted battle: answer tokens, markdown, tokens/s, first token with loading left out. */
    public record SideFigures(Long tokens, AnswerStyle style, Double tokensPerSecond, Long firstTokenMs) {}

    /** A counted battle with both answers' figures. */
    public record VotedSides(String modelA, String modelB, Outcome outcome, SideFigures a, SideFigures b) {}

    /** A stored answer whose markdown is not counted yet. */
    public record Uncounted(String battleId, String side, String text) {}

    public List<Uncounted> uncounted(int limit) {
        return access.read(c -> {
            List<Uncounted> found = new ArrayList<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT battle_id, side, text FROM answers WHERE headers IS NULL LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new Uncounted(r.getString(1), r.getString(2), r.getString(3)));
                    }
                }
            }
            return found;
        });
    }

    public void storeStyles(Collection<Uncounted> answers) {
        if (answers.isEmpty()) {
            return;
        }
        access.write("count answers' markdown", false, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE answers SET headers = ?, list_items = ?, bold = ? WHERE battle_id = ? AND side = ?")) {
                for (Uncounted one : answers) {
                    AnswerStyle style = AnswerStyle.of(one.text());
                    s.setInt(1, style.headers());
                    s.setInt(2, style.listItems());
                    s.setInt(3, style.bold());
                    s.setString(4, one.battleId());
                    s.setString(5, one.side());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** Every counted battle (of one category, when not null) with its answers' figures, in vote order. */
    public List<VotedSides> voted(String category, boolean includeFlagged) {
        return access.read(c -> {
            List<VotedSides> battles = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT v.model_a, v.model_b, v.outcome,
                           x.eval_count, x.headers, x.list_items, x.bold, x.tokens_per_second, x.ttft_ms, x.load_ms,
                           y.eval_count, y.headers, y.list_items, y.bold, y.tokens_per_second, y.ttft_ms, y.load_ms
                    FROM votes v JOIN battles b ON b.id = v.battle_id
                    LEFT JOIN answers x ON x.battle_id = v.battle_id AND x.side = 'a'
                    LEFT JOIN answers y ON y.battle_id = v.battle_id AND y.side = 'b'
                    WHERE (v.excluded IS NULL OR (? AND v.excluded = 'flagged')) AND (CAST(? AS TEXT) IS NULL OR b.categories LIKE ?)
                    ORDER BY v.seq""")) {
                s.setBoolean(1, includeFlagged);
                s.setString(2, category);
                s.setString(3, category == null ? null : "%," + category + ",%");
                s.setFetchSize(10_000);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        battles.add(new VotedSides(
                                names.computeIfAbsent(r.getString(1), n -> n),
                                names.computeIfAbsent(r.getString(2), n -> n),
                                Outcome.fromWire(r.getString(3)).orElseThrow(),
                                side(r, 4),
                                side(r, 11)));
                    }
                }
            }
            return battles;
        });
    }

    private static SideFigures side(ResultSet r, int first) throws SQLException {
        Long tokens = nullableLong(r, first);
        AnswerStyle style = new AnswerStyle(r.getInt(first + 1), r.getInt(first + 2), r.getInt(first + 3));
        double tps = r.getDouble(first + 4);
        Double tokensPerSecond = r.wasNull() ? null : tps;
        AnswerMetrics metrics = AnswerMetrics.loadApart(
                tokensPerSecond, nullableLong(r, first + 5), tokens, nullableLong(r, first + 6));
        return new SideFigures(tokens, style, tokensPerSecond, metrics.ttftMs());
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }
}
