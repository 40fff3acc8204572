package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * How the log is read and written: reads on any pooled connection, writes one at a time under
 * one lock (SQLite takes one writer at a time; reads run beside them in WAL), each in a
 * transaction, flushed to disk unless said otherwise.
 */
final class LogAccess {
    private final DataSource db;
    private final boolean sqlite;
    private final ReentrantLock writeLock = new ReentrantLock();

    LogAccess(DataSource db) {
        this.db = db;
        this.sqlite = Jdbc.isSqlite(db);
    }

    boolean sqlite() {
        return sqlite;
    }

    ReentrantLock writeLock() {
        return writeLock;
    }

    /** Runs {@code work} with writes held off, so it sees the log exactly as the last write left it. */
    <T> T withWritesPaused(Supplier<T> work) {
        writeLock.lock();
        try {
            return work.get();
        } finally {
            writeLock.unlock();
        }
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T read(Work<T> work) {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("Could not read the battle log", e);
        }
    }

    /**
     * A write that does not wait for the disk (WAL with synchronous=NORMAL): it survives a crash
     * of the arena at once and a power cut from the next flushed commit on. Every vote flushes,
     * and the log is append-ordered, so a vote on disk always has its battle on disk too; a
     * power cut can only lose battles nobody has voted on yet. It takes a disk flush (about
     * 2 ms here) off the time to a battle's first token.
     */
    <T> T writeUnflushed(String what, Work<T> work) {
        return write(what, false, work);
    }

    <T> T write(String what, Work<T> work) {
        return write(what, true, work);
    }

    <T> T write(String what, boolean flush, Work<T> work) {
        writeLock.lock();
        try (Connection c = db.getConnection()) {
            // Set on every write, never reset: a pooled connection's last setting must not matter.
            Jdbc.synchronous(c, sqlite, flush ? "FULL" : "NORMAL");
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Could not " + what, e);
        } finally {
            writeLock.unlock();
        }
    }
}
