package org.gpupoor.arena.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * With ARENA_TEST_POSTGRES_URL set (a JDBC URL of a PostgreSQL database the tests may create
 * schemas in), every test arena keeps its log in a fresh schema there instead of an SQLite
 * file: the same tests then prove the same behaviour on PostgreSQL. `.ci/run` sets it for a
 * second run of the battle, vote and board tests.
 */
public final class PostgresForTests {
    private static final String URL = System.getenv("ARENA_TEST_POSTGRES_URL");

    private PostgresForTests() {}

    /**
     * The JDBC URL of the log for a test arena in {@code dir}, or null when the tests run on
     * SQLite: a schema of its own per folder, as each folder has its own SQLite file, so arenas
     * started again in the same folder (a restart) find the same log.
     */
    public static String urlFor(java.nio.file.Path dir) {
        if (URL == null || URL.isBlank()) {
            return null;
        }
        String schema = "arena_test_"
                + UUID.nameUUIDFromBytes(dir.toAbsolutePath().toString().getBytes())
                        .toString()
                        .replace("-", "");
        try (Connection c = DriverManager.getConnection(URL)) {
            c.createStatement().execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a schema in ARENA_TEST_POSTGRES_URL's database", e);
        }
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
