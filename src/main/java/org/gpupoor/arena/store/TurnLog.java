package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The follow-up turns of battles: each asked while the battle is ready and unvoted, then answered by both sides. */
public final class TurnLog {
    private final LogAccess access;

    TurnLog(LogAccess access) {
        this.access = access;
    }

    /**
     * Opens turn {@code turn} of a battle: back to generating. False when the battle is not ready,
     * already voted on or passed over, or the turn was taken.
     */
    public boolean begin(String id, int turn, String prompt, Instant at) {
        return access.writeUnflushed("ask a follow-up turn", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE battles SET status = 'generating', finished_at = NULL
                    WHERE id = ? AND status = 'ready' AND skipped_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM votes WHERE battle_id = ?)
                      AND (SELECT count(*) FROM turns WHERE battle_id = ?) = ?""")) {
                s.setString(1, id);
                s.setString(2, id);
                s.setString(3, id);
                s.setInt(4, turn - 2);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO turns (battle_id, turn, prompt, asked_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setInt(2, turn);
                s.setString(3, prompt);
                s.setString(4, at.toString());
                s.executeUpdate();
            }
            // A battle classified already joins the multi-turn category here; one not yet is
            // classified with its turns (CategoryLog.unclassified).
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE battles SET categories = categories || 'multi_turn,'
                    WHERE id = ? AND categories IS NOT NULL AND categories NOT LIKE '%,multi_turn,%'""")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            return true;
        });
    }

    /** Stores a turn's answers and whether the battle can be voted on again; a giveaway found earlier stays. */
    public void finish(
            String id,
            int turn,
            boolean ready,
            String failure,
            String flagged,
            SideRecord a,
            SideRecord b,
            Instant at) {
        access.writeUnflushed("store a finished turn", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE battles SET status = ?, failure = ?, flagged = COALESCE(flagged, ?), finished_at = ?
                    WHERE id = ? AND status = 'generating'""")) {
                s.setString(1, ready ? "ready" : "failed");
                s.setString(2, failure);
                s.setString(3, flagged);
                s.setString(4, at.toString());
                s.setString(5, id);
                s.executeUpdate();
            }
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE turns SET finished_at = ? WHERE battle_id = ? AND turn = ?")) {
                s.setString(1, at.toString());
                s.setString(2, id);
                s.setInt(3, turn);
                s.executeUpdate();
            }
            insertAnswer(c, id, turn, "a", a);
            insertAnswer(c, id, turn, "b", b);
            return null;
        });
    }

    /** The battle's follow-up turns in order; empty for a one-turn battle. */
    public List<TurnRecord> of(String id) {
        return access.read(c -> rows(c, id, true));
    }

    static List<TurnRecord> rows(Connection c, String id, boolean withText) throws SQLException {
        List<TurnRecord> turns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.turn, t.prompt, t.asked_at, t.finished_at, a.side, a.text, a.eval_count, a.tokens_per_second,
                       a.ttft_ms, a.total_ms, a.done_reason, a.error, a.load_ms
                FROM turns t LEFT JOIN turn_answers a ON a.battle_id = t.battle_id AND a.turn = t.turn
                WHERE t.battle_id = ? ORDER BY t.turn, a.side""")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int turn = r.getInt("turn");
                    TurnRecord last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
                    if (last == null || last.turn() != turn) {
                        last = new TurnRecord(
                                turn,
                                withText ? r.getString("prompt") : null,
                                Instant.parse(r.getString("asked_at")),
                                Jdbc.instant(r.getString("finished_at")),
                                null,
                                null);
                        turns.add(last);
                    }
                    String side = r.getString("side");
                    if (side == null) {
                        continue;
                    }
                    SideRecord answer = new SideRecord(
                            withText ? r.getString("text") : null,
                            Jdbc.toInteger(Jdbc.getLong(r, "eval_count")),
                            Jdbc.getDouble(r, "tokens_per_second"),
                            Jdbc.getLong(r, "ttft_ms"),
                            Jdbc.getLong(r, "total_ms"),
                            r.getString("done_reason"),
                            r.getString("error"),
                            Jdbc.getLong(r, "load_ms"));
                    turns.set(
                            turns.size() - 1,
                            side.equals("a")
                                    ? new TurnRecord(
                                            turn, last.prompt(), last.askedAt(), last.finishedAt(), answer, last.b())
                                    : new TurnRecord(
                                            turn, last.prompt(), last.askedAt(), last.finishedAt(), last.a(), answer));
                }
            }
        }
        return turns;
    }

    private static void insertAnswer(Connection c, String id, int turn, String side, SideRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO turn_answers (battle_id, turn, side, text, eval_count, tokens_per_second, ttft_ms, total_ms,
                                          done_reason, error, load_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, id);
            s.setInt(2, turn);
            s.setString(3, side);
            BattleWrites.bindAnswer(s, 4, r);
            s.executeUpdate();
        }
    }
}
