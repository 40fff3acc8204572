package org.gpupoor.arena;

import java.nio.file.Path;
import java.time.Clock;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The battle log: its database (SQLite file or PostgreSQL), migrated and opened; closed last. */
final class StorageModule implements Module {
    private static final Logger log = LoggerFactory.getLogger(StorageModule.class);

    final Database database;
    final BattleLog battleLog;

    StorageModule(ArenaConfig config, Path databaseFile, Clock clock) {
        database =
                config.storage().url() != null ? Database.open(config.storage().url()) : Database.open(databaseFile);
        battleLog = new BattleLog(database.dataSource());
        // On a log of its own, every battle still generating was this arena's, before it stopped. On a
        // shared one it may be another instance's: the shared-log follower closes only stale ones.
        if (!config.storage().shared()) {
            int closed = battleLog.failUnfinished("The server stopped before this battle finished.", clock.instant());
            if (closed > 0) {
                log.info("Closed {} battles left unfinished by the last run", closed);
            }
        }
    }

    @Override
    public void close() {
        battleLog.close();
        database.close();
    }
}
