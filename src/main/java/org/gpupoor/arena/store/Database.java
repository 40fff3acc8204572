package org.gpupoor.arena.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The database behind the battle log: an SQLite file (WAL for concurrent reads, full sync so a
 * vote survives a crash), or a PostgreSQL server given by its JDBC URL. Both get the same
 * migrations but the first, whose column types differ (db/migration/sqlite, .../postgresql).
 */
public final class Database implements AutoCloseable {
    /**
     * The newest migration's version (DatabaseTest holds it to the files). A log already at it
     * skips Flyway, whose look through the jar for migrations took a tenth of a second of each start.
     */
    static final int SCHEMA_VERSION = 14;

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder for the database " + absolute, e);
        }
        return open("jdbc:sqlite:" + absolute);
    }

    /** {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host/db?user=...&password=...}. */
    public static Database open(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("arena-db");
        String vendor = vendorOf(jdbcUrl);
        if (vendor.equals("sqlite")) {
            SqliteNative.useCachedCopy();
            config.setMaximumPoolSize(4);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
        } else {
            config.setMaximumPoolSize(8);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            if (!current(dataSource)) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations(migrations(vendor))
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /** Every migration up to {@link #SCHEMA_VERSION} applied, and none failed: Flyway would find nothing to do. */
    static boolean current(DataSource db) {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            int newest = 0;
            while (r.next()) {
                if (!r.getBoolean("success")) {
                    return false;
                }
                String version = r.getString("version");
                newest = version == null ? newest : Math.max(newest, Integer.parseInt(version));
            }
            return newest == SCHEMA_VERSION;
        } catch (SQLException | NumberFormatException e) {
            return false; // a new log (no history yet), or one Flyway should look at itself
        }
    }

    static String vendorOf(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return "sqlite";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        throw new IllegalArgumentException("The battle log is kept in SQLite (jdbc:sqlite:...) or PostgreSQL "
                + "(jdbc:postgresql://...), not in " + jdbcUrl.replaceAll("password=[^&]*", "password=***"));
    }

    static String[] migrations(String vendor) {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + vendor};
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
