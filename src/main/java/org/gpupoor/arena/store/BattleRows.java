package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;

/** The battle log's read queries: one battle with its answers and vote, the counted history, sizes, opponents. */
final class BattleRows {
    private BattleRows() {}

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

    static boolean showable(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT 1 FROM battles b JOIN votes v ON v.battle_id = b.id
                WHERE b.id = ? AND b.status = 'ready' AND b.imported = 0
                  AND (v.excluded IS NULL OR v.excluded NOT IN ('voided', 'not_ready'))""")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static Map<String, SideRecord> answers(Connection c, String id) throws SQLException {
        Map<String, SideRecord> sides = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM answers WHERE battle_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sides.put(
                            r.getString("side"),
                            new SideRecord(
                                    r.getString("text"),
                                    Jdbc.toInteger(Jdbc.getLong(r, "eval_count")),
                                    Jdbc.getDouble(r, "tokens_per_second"),
                                    Jdbc.getLong(r, "ttft_ms"),
                                    Jdbc.getLong(r, "total_ms"),
                                    r.getString("done_reason"),
                                    r.getString("error"),
                                    Jdbc.getLong(r, "load_ms")));
                }
            }
        }
        return sides;
    }

    private static BattleRecord map(ResultSet r, SideRecord a, SideRecord b) throws SQLException {
        return new BattleRecord(
                r.getString("id"),
                Instant.parse(r.getString("created_at")),
                r.getString("prompt"),
                r.getString("model_a"),
                r.getString("model_b"),
                Jdbc.getDouble(r, "size_a"),
                Jdbc.getDouble(r, "size_b"),
                r.getString("status"),
                r.getString("failure"),
                r.getString("flagged"),
                r.getInt("imported") == 1,
                Jdbc.instant(r.getString("finished_at")),
                a,
                b,
                r.getString("outcome"),
                Jdbc.instant(r.getString("voted_at")),
                Jdbc.instant(r.getString("skipped_at")));
    }

    /**
     * Every voted battle that counts, in the order the votes were acknowledged: failed battles
     * never, battles whose answers gave their author away only when asked to.
     */
    static List<CountedBattle> countedInVoteOrder(Connection c, boolean includeFlagged, long upToSeq)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT model_a, model_b, outcome FROM votes
                WHERE seq <= ? AND (excluded IS NULL OR (? AND excluded = 'flagged')) ORDER BY seq""")) {
            s.setLong(1, upToSeq);
            s.setBoolean(2, includeFlagged);
            return counted(s);
        }
    }

    /** Runs a query whose rows are (model A, model B, outcome) and collects them in order. */
    static List<CountedBattle> counted(PreparedStatement query) throws SQLException {
        List<CountedBattle> battles = new ArrayList<>();
        // A handful of models recur a million times: one String each keeps memory and hashing small.
        Map<String, String> names = new HashMap<>();
        query.setFetchSize(10_000);
        try (ResultSet r = query.executeQuery()) {
            while (r.next()) {
                battles.add(new CountedBattle(
                        names.computeIfAbsent(r.getString(1), n -> n),
                        names.computeIfAbsent(r.getString(2), n -> n),
                        Outcome.fromWire(r.getString(3)).orElseThrow()));
            }
        }
        return battles;
    }

    /** Every vote after {@code afterSeq} up to {@code upToSeq}, in order; {@code battle} is null for one that does not count. */
    static List<LoggedVote> votesBetween(Connection c, long afterSeq, long upToSeq, boolean includeFlagged)
            throws SQLException {
        List<LoggedVote> votes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, model_a, model_b, outcome, excluded FROM votes WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            s.setLong(1, afterSeq);
            s.setLong(2, upToSeq);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String excluded = r.getString(5);
                    boolean counts = excluded == null || (includeFlagged && excluded.equals("flagged"));
                    votes.add(new LoggedVote(
                            r.getLong(1),
                            counts
                                    ? new CountedBattle(
                                            r.getString(2),
                                            r.getString(3),
                                            Outcome.fromWire(r.getString(4)).orElseThrow())
                                    : null));
                }
            }
        }
        return votes;
    }

    /**
     * Speed figures of {@code model}'s latest {@code limit} complete answers in closed battles
     * (voted on, or failed), newest first. A battle still waiting for its vote is left out: the
     * boards are public, and a count that moved for its two models would name them. The model
     * indexes make this cost the same however long the log grows.
     */
    static List<AnswerMetrics> recentAnswerMetrics(Connection c, String model, int limit, long upToVoteSeq)
            throws SQLException {
        List<AnswerMetrics> metrics = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT seq, tokens_per_second, ttft_ms, eval_count, load_ms FROM (
                  SELECT * FROM (SELECT b.rowid AS seq, a.tokens_per_second, a.ttft_ms, a.eval_count, a.load_ms FROM battles b
                    JOIN answers a ON a.battle_id = b.id AND a.side = 'a'
                    WHERE b.model_a = ? AND a.error IS NULL AND a.tokens_per_second IS NOT NULL
                      AND (b.status = 'failed' OR EXISTS (SELECT 1 FROM votes v WHERE v.battle_id = b.id AND v.seq <= ?))
                    ORDER BY b.rowid DESC LIMIT ?) AS side_a
                  UNION ALL
                  SELECT * FROM (SELECT b.rowid AS seq, a.tokens_per_second, a.ttft_ms, a.eval_count, a.load_ms FROM battles b
                    JOIN answers a ON a.battle_id = b.id AND a.side = 'b'
                    WHERE b.model_b = ? AND a.error IS NULL AND a.tokens_per_second IS NOT NULL
                      AND (b.status = 'failed' OR EXISTS (SELECT 1 FROM votes v WHERE v.battle_id = b.id AND v.seq <= ?))
                    ORDER BY b.rowid DESC LIMIT ?) AS side_b
                ) AS both_sides ORDER BY seq DESC LIMIT ?""")) {
            s.setString(1, model);
            s.setLong(2, upToVoteSeq);
            s.setInt(3, limit);
            s.setString(4, model);
            s.setLong(5, upToVoteSeq);
            s.setInt(6, limit);
            s.setInt(7, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    metrics.add(metrics(r));
                }
            }
        }
        return metrics;
    }

    private static AnswerMetrics metrics(ResultSet r) throws SQLException {
        return AnswerMetrics.loadApart(
                Jdbc.getDouble(r, "tokens_per_second"),
                Jdbc.getLong(r, "ttft_ms"),
                Jdbc.getLong(r, "eval_count"),
                Jdbc.getLong(r, "load_ms"));
    }

    /** The complete answers of battles voted after {@code afterVoteSeq} up to {@code upToVoteSeq}, in vote order. */
    static List<ModelAnswer> votedAnswersBetween(Connection c, long afterVoteSeq, long upToVoteSeq)
            throws SQLException {
        List<ModelAnswer> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT v.battle_id, CASE a.side WHEN 'a' THEN b.model_a ELSE b.model_b END AS model,
                       a.tokens_per_second, a.ttft_ms, a.eval_count, a.load_ms
                FROM votes v JOIN battles b ON b.id = v.battle_id JOIN answers a ON a.battle_id = v.battle_id
                WHERE v.seq > ? AND v.seq <= ? AND a.error IS NULL AND a.tokens_per_second IS NOT NULL
                ORDER BY v.seq, a.side""")) {
            s.setLong(1, afterVoteSeq);
            s.setLong(2, upToVoteSeq);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new ModelAnswer(r.getString(1), r.getString(2), metrics(r)));
                }
            }
        }
        return found;
    }

    /** The complete answers of failed battles among the newest {@code battles} battles, oldest first. */
    static List<ModelAnswer> recentFailedAnswers(Connection c, int battles) throws SQLException {
        List<ModelAnswer> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT b.id, CASE a.side WHEN 'a' THEN b.model_a ELSE b.model_b END AS model,
                       a.tokens_per_second, a.ttft_ms, a.eval_count, a.load_ms
                FROM battles b JOIN answers a ON a.battle_id = b.id
                WHERE b.rowid > (SELECT COALESCE(MAX(rowid), 0) FROM battles) - ? AND b.status = 'failed'
                  AND a.error IS NULL AND a.tokens_per_second IS NOT NULL
                ORDER BY b.rowid, a.side""")) {
            s.setInt(1, battles);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new ModelAnswer(r.getString(1), r.getString(2), metrics(r)));
                }
            }
        }
        return found;
    }

    /**
     * The last size recorded for each of {@code models} that ever battled with a known size. One
     * indexed lookup per model and side, so the cost does not grow with the log.
     */
    static Map<String, Double> loggedSizes(Connection c, Collection<String> models) throws SQLException {
        Map<String, Double> sizes = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT size FROM (
                  SELECT * FROM (SELECT rowid AS seq, size_a AS size FROM battles WHERE model_a = ? AND size_a IS NOT NULL
                                 ORDER BY rowid DESC LIMIT 1) AS side_a
                  UNION ALL
                  SELECT * FROM (SELECT rowid AS seq, size_b AS size FROM battles WHERE model_b = ? AND size_b IS NOT NULL
                                 ORDER BY rowid DESC LIMIT 1) AS side_b
                ) AS both_sides ORDER BY seq DESC LIMIT 1""")) {
            for (String model : models) {
                s.setString(1, model);
                s.setString(2, model);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        sizes.put(model, r.getDouble(1));
                    }
                }
            }
        }
        return sizes;
    }

    /**
     * The distinct opponents {@code model} met most recently, newest first. Each side is read
     * backwards along its model index and stops after 200 battles, so the cost does not grow
     * with the log (an OR over both columns made SQLite read and sort all of a model's battles).
     */
    static List<String> recentOpponents(Connection c, String model, int limit) throws SQLException {
        LinkedHashSet<String> opponents = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT opponent FROM (
                  SELECT * FROM (SELECT rowid AS seq, model_b AS opponent FROM battles WHERE model_a = ? AND imported = 0
                                 ORDER BY rowid DESC LIMIT 200) AS side_a
                  UNION ALL
                  SELECT * FROM (SELECT rowid AS seq, model_a AS opponent FROM battles WHERE model_b = ? AND imported = 0
                                 ORDER BY rowid DESC LIMIT 200) AS side_b
                ) AS both_sides ORDER BY seq DESC LIMIT 200""")) {
            s.setString(1, model);
            s.setString(2, model);
            try (ResultSet r = s.executeQuery()) {
                while (r.next() && opponents.size() < limit) {
                    opponents.add(r.getString(1));
                }
            }
        }
        return List.copyOf(opponents);
    }
}
