package org.gpupoor.arena.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Nullable values in and out of JDBC, which speaks in primitives. */
final class Jdbc {
    private Jdbc() {}

    static void setDouble(PreparedStatement s, int i, Double v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.REAL);
        } else {
            s.setDouble(i, v);
        }
    }

    static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setLong(i, v);
        }
    }

    static Double getDouble(ResultSet r, String column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    static Long getLong(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    static Integer toInteger(Long value) {
        return value == null ? null : value.intValue();
    }

    static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    /** How long a commit on this connection waits for the disk: FULL (flushed) or NORMAL (WAL, flushed with a later commit). */
    /** SQLite's flush level for the next commits on {@code c}; PostgreSQL always waits for its log (and has no such pragma). */
    static void synchronous(java.sql.Connection c, boolean sqlite, String level) throws SQLException {
        if (!sqlite) {
            return;
        }
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous = " + level);
        }
    }

    static boolean isSqlite(javax.sql.DataSource db) {
        try (java.sql.Connection c = db.getConnection()) {
            return c.getMetaData().getURL().startsWith("jdbc:sqlite:");
        } catch (SQLException e) {
            throw new StoreException("Could not open the battle log", e);
        }
    }
}
