package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.rating.Outcome;

/**
 * Which versions of each model (Ollama's digest of the tag) have battled, and since when. Written
 * inside the battle's own insert (a primary-key lookup that finds the version already there but
 * for the first battle after a pull), so a version is recorded exactly when its battle is.
 */
public final class ModelVersions {
    /** One version of a tag, first battled at {@code firstSeen}. */
    public record Version(String tag, String digest, Instant firstSeen) {}

    void record(Connection c, String tag, String digest, Instant at) throws SQLException {
        if (digest == null) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO model_versions (tag, digest, first_seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, tag);
            s.setString(2, digest);
            s.setString(3, at.toString());
            s.executeUpdate();
        }
    }

    /** Counted battles per (version of A, version of B, outcome); a digest is null where it was not recorded. */
    public record VersionTally(
            String modelA, String digestA, String modelB, String digestB, Outcome outcome, long count) {}

    static List<VersionTally> tallies(Connection c, boolean includeFlagged) throws SQLException {
        List<VersionTally> tallies = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT v.model_a, b.digest_a, v.model_b, b.digest_b, v.outcome, COUNT(*)
                FROM votes v JOIN battles b ON b.id = v.battle_id
                WHERE v.excluded IS NULL OR (? AND v.excluded = 'flagged')
                GROUP BY v.model_a, b.digest_a, v.model_b, b.digest_b, v.outcome""")) {
            s.setBoolean(1, includeFlagged);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tallies.add(new VersionTally(
                            r.getString(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            Outcome.fromWire(r.getString(5)).orElseThrow(),
                            r.getLong(6)));
                }
            }
        }
        return tallies;
    }

    List<Version> all(Connection c) throws SQLException {
        List<Version> versions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT tag, digest, first_seen FROM model_versions ORDER BY tag, first_seen");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                versions.add(new Version(r.getString(1), r.getString(2), Instant.parse(r.getString(3))));
            }
        }
        return versions;
    }
}
