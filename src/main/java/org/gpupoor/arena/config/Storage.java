package org.gpupoor.arena.config;

/**
 * The {@code storage} section: where the battle log is kept.
 *
 * @param url    a JDBC URL for the battle log (jdbc:postgresql://...); null for the SQLite file given by --db
 * @param shared whether other arena instances write the same log: they then follow each other's votes, and a
 *               starting instance leaves battles still generating alone (they may be another's). An operator's
 *               decision, not the vendor's: one PostgreSQL instance alone is not shared
 */
public record Storage(String url, Boolean shared) {
    public Storage {
        url = url == null || url.isBlank() ? null : url.strip();
        shared = shared != null && shared;
    }

    public Storage(String url) {
        this(url, null);
    }
}
