package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The log's SQL about voters: their secrets, how many votes they cast, and which ones look like stuffing. */
final class VoterRows {
    private VoterRows() {}

    /** The secret called {@code name}, made from {@code fresh} the first time any instance asks. */
    static String secret(Connection c, String name, String fresh) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO arena_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            s.setString(1, name);
            s.setString(2, fresh);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM arena_secrets WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** Votes by {@code voter}, or from {@code address} when that is true, since midnight UTC of {@code day}. */
    static int votesOn(Connection c, boolean byAddress, String key, LocalDate day) throws SQLException {
        String sql = byAddress
                ? "SELECT COUNT(*) FROM votes WHERE address = ? AND voted_at >= ?"
                : "SELECT COUNT(*) FROM votes WHERE voter = ? AND voted_at >= ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            s.setString(2, dayStart(day));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /**
     * Midnight as text that sorts before every time of that day however Instant.toString wrote it:
     * "…T00:00:00.5Z" sorts before "…T00:00:00Z", but after "…T00:00:00".
     */
    private static String dayStart(LocalDate day) {
        return day + "T00:00:00";
    }

    /**
     * Voters with a too-fast vote, a one-sided record of at least {@code sideBiasMin} votes, or at
     * least {@code dailyCap} votes since {@code dayStart} (when the cap is on), unless every vote
     * of theirs is voided already; most votes first.
     */
    static List<VoterRecord> flagged(Connection c, int sideBiasMin, int dailyCap, Instant dayStart)
            throws SQLException {
        List<VoterRecord> voters = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT voter, votes, for_a, for_b, ties, both_bad, too_fast, voided, today, first_vote, last_vote FROM (
                  SELECT voter, COUNT(*) AS votes,
                         SUM(CASE WHEN outcome = 'a' THEN 1 ELSE 0 END) AS for_a,
                         SUM(CASE WHEN outcome = 'b' THEN 1 ELSE 0 END) AS for_b,
                         SUM(CASE WHEN outcome = 'tie' THEN 1 ELSE 0 END) AS ties,
                         SUM(CASE WHEN outcome = 'both_bad' THEN 1 ELSE 0 END) AS both_bad,
                         SUM(too_fast) AS too_fast,
                         SUM(CASE WHEN excluded = 'voided' THEN 1 ELSE 0 END) AS voided,
                         SUM(CASE WHEN voted_at >= ? THEN 1 ELSE 0 END) AS today,
                         MIN(voted_at) AS first_vote, MAX(voted_at) AS last_vote
                  FROM votes WHERE voter IS NOT NULL GROUP BY voter) AS per_voter
                WHERE voided < votes
                  AND (too_fast > 0 OR (for_a >= ? AND for_b = 0) OR (for_b >= ? AND for_a = 0) OR (? > 0 AND today >= ?))
                ORDER BY votes DESC, voter LIMIT 1000""")) {
            s.setString(1, dayStart(LocalDate.ofInstant(dayStart, java.time.ZoneOffset.UTC)));
            s.setInt(2, sideBiasMin);
            s.setInt(3, sideBiasMin);
            s.setInt(4, dailyCap);
            s.setInt(5, dailyCap);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    voters.add(new VoterRecord(
                            r.getString(1),
                            r.getInt(2),
                            r.getInt(3),
                            r.getInt(4),
                            r.getInt(5),
                            r.getInt(6),
                            r.getInt(7),
                            r.getInt(8),
                            r.getInt(9),
                            Instant.parse(r.getString(10)),
                            Instant.parse(r.getString(11))));
                }
            }
        }
        return voters;
    }
}
