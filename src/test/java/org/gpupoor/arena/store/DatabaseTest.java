package org.gpupoor.arena.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void the_log_is_a_write_ahead_logged_file_synced_on_every_commit(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir.resolve("nested/folder/arena.db"));
                Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            assertThat(scalar(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(scalar(s, "PRAGMA synchronous")).isEqualTo("2"); // FULL
            assertThat(scalar(s, "PRAGMA foreign_keys")).isEqualTo("1");
        }
        assertThat(dir.resolve("nested/folder/arena.db")).exists();
    }

    @Test
    void the_schema_version_that_lets_a_start_skip_flyway_is_the_newest_migration() throws Exception {
        int newest;
        try (var files = java.nio.file.Files.walk(Path.of("src/main/resources/db/migration"))) {
            newest = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max()
                    .orElseThrow();
        }
        assertThat(Database.SCHEMA_VERSION).isEqualTo(newest);
    }

    @Test
    void a_log_one_migration_behind_is_still_migrated_on_start(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("arena.db");
        try (Database db = Database.open(file)) {
            assertThat(Database.current(db.dataSource())).isTrue();
        }
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            // As a log written before the newest migration (V14, three indexes) was.
            s.execute("DROP INDEX battles_generating");
            s.execute("DROP INDEX battles_unclassified");
            s.execute("DROP INDEX answers_uncounted");
            s.execute("DELETE FROM flyway_schema_history WHERE version = '" + Database.SCHEMA_VERSION + "'");
        }

        try (Database db = Database.open(file);
                Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'battles_generating'")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
            assertThat(Database.current(db.dataSource())).isTrue();
        }
    }

    @Test
    void a_battle_takes_one_vote_and_unfinished_battles_are_closed_on_start() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try (Database db = Database.open(dir.resolve("arena.db"));
                BattleLog log = new BattleLog(db.dataSource())) {
            log.insert(new NewBattle("b1", now, "p", "x:1b", "y:1b", 1.0, 1.0));
            log.finish(
                    "b1",
                    true,
                    null,
                    null,
                    new SideRecord("x", 1, 10.0, 5L, 9L, "stop", null),
                    new SideRecord("y", 1, 12.0, 6L, 8L, "stop", null),
                    now);
            log.insert(new NewBattle("b2", now, "p", "x:1b", "y:1b", 1.0, 1.0));

            log.recordVote("b1", Outcome.B, now, () -> {});
            assertThatThrownBy(() -> log.recordVote("b1", Outcome.A, now, () -> {}))
                    .isInstanceOf(AlreadyVotedException.class);
            assertThat(log.countedInVoteOrder(false)).containsExactly(new CountedBattle("x:1b", "y:1b", Outcome.B));

            assertThat(log.failUnfinished("restarted", now)).isEqualTo(1);
            BattleRecord b2 = log.find("b2").orElseThrow();
            assertThat(b2.status()).isEqualTo("failed");
            assertThat(b2.failure()).isEqualTo("restarted");
            BattleRecord b1 = log.find("b1").orElseThrow();
            assertThat(b1.outcome()).isEqualTo("b");
            assertThat(b1.a().tokensPerSecond()).isEqualTo(10.0);
            assertThat(log.recentOpponents("x:1b", 5)).isEqualTo(List.of("y:1b"));
            // Battle records are written without waiting for the disk; a vote must wait for it,
            // whatever its pooled connection was last set to.
            List<Connection> pooled = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pooled.add(db.dataSource().getConnection());
                try (Statement s = pooled.get(i).createStatement()) {
                    s.execute("PRAGMA synchronous = OFF");
                }
            }
            for (Connection c : pooled) {
                c.close();
            }
            log.insert(new NewBattle("b3", now, "p", "x:1b", "y:1b", 1.0, 1.0));
            log.finish(
                    "b3",
                    true,
                    null,
                    null,
                    new SideRecord("x", 1, 10.0, 5L, 9L, "stop", null),
                    new SideRecord("y", 1, 12.0, 6L, 8L, "stop", null),
                    now);
            log.recordVote("b3", Outcome.A, now, () -> {});
            List<String> levels = new java.util.ArrayList<>();
            pooled.clear();
            for (int i = 0; i < 4; i++) {
                pooled.add(db.dataSource().getConnection());
                try (Statement s = pooled.get(i).createStatement()) {
                    levels.add(scalar(s, "PRAGMA synchronous"));
                }
            }
            for (Connection c : pooled) {
                c.close();
            }
            assertThat(levels)
                    .as("only the vote sets FULL: it did, on its connection")
                    .contains("2");
        }
    }

    @Test
    void a_log_written_before_votes_carried_their_models_keeps_every_vote_in_order_after_the_upgrade()
            throws Exception {
        Path file = dir.resolve("old.db");
        org.sqlite.SQLiteDataSource oldSource = new org.sqlite.SQLiteDataSource();
        oldSource.setUrl("jdbc:sqlite:" + file);
        org.flywaydb.core.Flyway.configure()
                .dataSource(oldSource)
                .locations(Database.migrations("sqlite"))
                .target("2")
                .load()
                .migrate();
        try (Connection c = oldSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO battles (id, created_at, prompt, model_a, model_b, status, flagged) VALUES
                      ('b1', '2026-01-01T00:00:00Z', 'p', 'x:1b', 'y:1b', 'ready', NULL),
                      ('b2', '2026-01-01T00:00:00Z', 'p', 'y:1b', 'z:1b', 'ready', 'Llama'),
                      ('b3', '2026-01-01T00:00:00Z', 'p', 'z:1b', 'x:1b', 'ready', NULL)""");
            s.executeUpdate("""
                    INSERT INTO votes (battle_id, outcome, voted_at) VALUES
                      ('b3', 'tie', '2026-01-01T00:00:01Z'), ('b2', 'a', '2026-01-01T00:00:02Z'),
                      ('b1', 'b', '2026-01-01T00:00:03Z')""");
        }
        try (Database db = Database.open(file);
                BattleLog log = new BattleLog(db.dataSource())) {
            assertThat(log.countedInVoteOrder(false))
                    .containsExactly(
                            new CountedBattle("z:1b", "x:1b", Outcome.TIE),
                            new CountedBattle("x:1b", "y:1b", Outcome.B));
            assertThat(log.countedInVoteOrder(true))
                    .containsExactly(
                            new CountedBattle("z:1b", "x:1b", Outcome.TIE),
                            new CountedBattle("y:1b", "z:1b", Outcome.A),
                            new CountedBattle("x:1b", "y:1b", Outcome.B));
        }
    }

    @Test
    void votes_queued_beyond_one_batch_are_written_in_queue_order_each_before_its_voter_hears_back() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        int voters = 5;
        try (Database db = Database.open(dir.resolve("arena.db"));
                BattleLog log = new BattleLog(db.dataSource(), 2)) {
            for (int i = 0; i < voters; i++) {
                log.insert(new NewBattle("v" + i, now, "p", "x:1b", "y:1b", 1.0, 1.0));
            }
            java.util.concurrent.atomic.AtomicInteger applied = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> threads = new java.util.ArrayList<>();
            long[] seqs = new long[voters];
            int[] appliedBeforeAnswer = new int[voters];
            log.withWritesPaused(() -> {
                // With writes held off, the votes line up one by one, in a known order, three batches long.
                for (int i = 0; i < voters; i++) {
                    int n = i;
                    Thread t = new Thread(() -> {
                        try {
                            seqs[n] = log.recordVote("v" + n, Outcome.A, now, applied::incrementAndGet);
                            appliedBeforeAnswer[n] = applied.get();
                        } catch (AlreadyVotedException e) {
                            throw new AssertionError(e);
                        }
                    });
                    t.start();
                    threads.add(t);
                    try {
                        org.gpupoor.arena.testing.Poll.until(
                                "vote " + n + " waits in line",
                                java.time.Duration.ofSeconds(20),
                                () -> log.queuedVotes() == n + 1);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
                return null;
            });
            for (Thread t : threads) {
                t.join();
            }
            assertThat(applied.get()).isEqualTo(voters);
            assertThat(seqs)
                    .as("each vote has its own place in the log, in the order the votes came")
                    .containsExactly(1, 2, 3, 4, 5);
            for (int i = 0; i < voters; i++) {
                assertThat(appliedBeforeAnswer[i])
                        .as("vote %d was applied before its voter heard back", i)
                        .isGreaterThanOrEqualTo(i + 1);
            }
            assertThat(log.queuedVotes()).isZero();
        }
    }

    @Test
    void a_vote_after_close_fails_at_once_instead_of_waiting_forever() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try (Database db = Database.open(dir.resolve("arena.db"))) {
            BattleLog log = new BattleLog(db.dataSource());
            log.insert(new NewBattle("late", now, "p", "x:1b", "y:1b", 1.0, 1.0));
            log.close();
            assertThatThrownBy(() -> log.recordVote("late", Outcome.A, now, () -> {}))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("shutting down");
        }
    }

    private static String scalar(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
