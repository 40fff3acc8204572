package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.gpupoor.arena.rating.AnswerStyle;
import org.gpupoor.arena.rating.CountedBattle;

/** The battle log's writes of battles: a new one, its answers when it ends, imported results, abandoned ones. */
final class BattleWrites {
    private BattleWrites() {}

    static void repair(
            Connection c,
            String id,
            String modelA,
            String modelB,
            Double sizeA,
            Double sizeB,
            String digestA,
            String digestB)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE battles SET model_a = ?, model_b = ?, size_a = ?, size_b = ?, digest_a = ?, digest_b = ?
                WHERE id = ? AND status = 'generating'""")) {
            s.setString(1, modelA);
            s.setString(2, modelB);
            Jdbc.setDouble(s, 3, sizeA);
            Jdbc.setDouble(s, 4, sizeB);
            s.setString(5, digestA);
            s.setString(6, digestB);
            s.setString(7, id);
            s.executeUpdate();
        }
    }

    static void insert(Connection c, NewBattle b) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO battles (id, created_at, prompt, model_a, model_b, size_a, size_b, digest_a, digest_b, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'generating')""")) {
            s.setString(1, b.id());
            s.setString(2, b.createdAt().toString());
            s.setString(3, b.prompt());
            s.setString(4, b.modelA());
            s.setString(5, b.modelB());
            Jdbc.setDouble(s, 6, b.sizeA());
            Jdbc.setDouble(s, 7, b.sizeB());
            s.setString(8, b.digestA());
            s.setString(9, b.digestB());
            s.executeUpdate();
        }
    }

    static void finish(
            Connection c,
            String id,
            boolean ready,
            String failure,
            String flagged,
            SideRecord a,
            SideRecord b,
            Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE battles SET status = ?, failure = ?, flagged = ?, finished_at = ? WHERE id = ? AND status = 'generating'")) {
            s.setString(1, ready ? "ready" : "failed");
            s.setString(2, failure);
            s.setString(3, flagged);
            s.setString(4, at.toString());
            s.setString(5, id);
            s.executeUpdate();
        }
        insertAnswer(c, id, "a", a);
        insertAnswer(c, id, "b", b);
    }

    private static void insertAnswer(Connection c, String id, String side, SideRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO answers (battle_id, side, text, eval_count, tokens_per_second, ttft_ms, total_ms, done_reason, error,
                                     load_ms, headers, list_items, bold)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            AnswerStyle style = AnswerStyle.of(r.text());
            s.setString(1, id);
            s.setString(2, side);
            bindAnswer(s, 3, r);
            s.setInt(11, style.headers());
            s.setInt(12, style.listItems());
            s.setInt(13, style.bold());
            s.executeUpdate();
        }
    }

    /** Binds an answer's text, eval_count, tokens/s, ttft, total, done_reason, error and load_ms from {@code first} on. */
    static void bindAnswer(PreparedStatement s, int first, SideRecord r) throws SQLException {
        s.setString(first, r.text());
        Jdbc.setLong(s, first + 1, r.evalCount() == null ? null : r.evalCount().longValue());
        Jdbc.setDouble(s, first + 2, r.tokensPerSecond());
        Jdbc.setLong(s, first + 3, r.ttftMs());
        Jdbc.setLong(s, first + 4, r.totalMs());
        s.setString(first + 5, r.doneReason());
        s.setString(first + 6, r.error());
        Jdbc.setLong(s, first + 7, r.loadMs());
    }

    /** Each battle with its vote, as if voted at {@code at}, under an id from {@code ids}. */
    static void importVoted(Connection c, List<CountedBattle> battles, Instant at, Supplier<String> ids)
            throws SQLException {
        try (PreparedStatement battle = c.prepareStatement("""
                INSERT INTO battles (id, created_at, prompt, model_a, model_b, status, imported, finished_at)
                VALUES (?, ?, '', ?, ?, 'ready', 1, ?)""");
                PreparedStatement vote = c.prepareStatement(
                        "INSERT INTO votes (battle_id, outcome, voted_at, model_a, model_b) VALUES (?, ?, ?, ?, ?)")) {
            for (CountedBattle b : battles) {
                String id = ids.get();
                battle.setString(1, id);
                battle.setString(2, at.toString());
                battle.setString(3, b.modelA());
                battle.setString(4, b.modelB());
                battle.setString(5, at.toString());
                battle.executeUpdate();
                vote.setString(1, id);
                vote.setString(2, b.outcome().wire());
                vote.setString(3, at.toString());
                vote.setString(4, b.modelA());
                vote.setString(5, b.modelB());
                vote.executeUpdate();
            }
        }
    }

    /** Marks failed the battles still generating, only those started before {@code startedBefore} unless it is null. */
    static int failGenerating(Connection c, String reason, Instant startedBefore, Instant at) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE battles SET status = 'failed', failure = ?, finished_at = ? "
                        + "WHERE status = 'generating'" + (startedBefore == null ? "" : " AND created_at < ?"))) {
            s.setString(1, reason);
            s.setString(2, at.toString());
            if (startedBefore != null) {
                s.setString(3, startedBefore.toString());
            }
            return s.executeUpdate();
        }
    }
}
