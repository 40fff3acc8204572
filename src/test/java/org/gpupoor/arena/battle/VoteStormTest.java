package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many voters at once: no acknowledged vote is lost, none counts twice, and the boards equal a replay. */
class VoteStormTest {
    static final int CLIENTS = 64;
    static final long STORM_MILLIS = 10_000;
    static final String[] OUTCOMES = {"a", "b", "tie", "both_bad"};

    @RegisterExtension
    final ArenaExtension arena = sixModels(new ArenaExtension());

    private static ArenaExtension sixModels(ArenaExtension arena) {
        for (int i = 1; i <= 6; i++) {
            String from = " m" + i;
            arena.model("m" + i + ":1b", i + ".0B", "M" + i + " (" + i + "B)", m -> m.answers("Answer", " from", from));
        }
        return arena;
    }

    @Test
    void sixty_four_voters_for_ten_seconds_lose_nothing_and_the_boards_equal_a_replay() throws Exception {
        ConcurrentLinkedQueue<String> ready = new ConcurrentLinkedQueue<>(readyBattles(1000));
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        long[] end = new long[1];
        List<Future<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                go.await();
                int failures = 0;
                while (System.currentTimeMillis() < end[0]) {
                    String id = ready.poll();
                    if (id == null) {
                        id = newReadyBattle(); // the stock ran out: battle, then vote, as a real voter does
                    }
                    String outcome = OUTCOMES[ThreadLocalRandom.current().nextInt(OUTCOMES.length)];
                    Api.Response r =
                            arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"" + outcome + "\"}");
                    if (r.status() == 200) {
                        acknowledged.put(id, outcome);
                    } else {
                        failures++;
                    }
                }
                return failures;
            }));
        }
        end[0] = System.currentTimeMillis() + STORM_MILLIS;
        long started = System.nanoTime();
        go.countDown();
        int failures = 0;
        for (Future<Integer> client : clients) {
            failures += client.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        System.out.printf(
                "vote storm: %d clients, %d votes acknowledged in %.1f s (%.0f votes/s), %d refused%n",
                CLIENTS, acknowledged.size(), seconds, acknowledged.size() / seconds, failures);

        assertThat(failures).isZero();
        assertThat(acknowledged).hasSizeGreaterThan(CLIENTS);
        assertThat(votesInLog()).isEqualTo(acknowledged);

        JsonNode main = Api.withoutSpeeds(arena.api().get("/api/leaderboard").json());
        JsonNode elo = Api.withoutSpeeds(arena.api().get("/api/leaderboard/elo").json());
        int wins = 0;
        int losses = 0;
        int ties = 0;
        int battles = 0;
        for (JsonNode row : main.get("rows")) {
            wins += row.get("wins").asInt();
            losses += row.get("losses").asInt();
            ties += row.get("ties").asInt();
            battles += row.get("battles").asInt();
        }
        long decisive = acknowledged.values().stream()
                .filter(o -> o.equals("a") || o.equals("b"))
                .count();
        assertThat(wins).isEqualTo(losses).isEqualTo((int) decisive);
        assertThat(ties).isEqualTo(2 * (acknowledged.size() - (int) decisive));
        assertThat(battles).isEqualTo(2 * acknowledged.size());
        for (JsonNode cell :
                arena.api().get("/api/leaderboard/head-to-head").json().get("cells")) {
            assertThat(cell.get("battles").asInt())
                    .isEqualTo(pairCountInLog(
                            cell.get("row").asText(), cell.get("col").asText()));
        }

        arena.restart();
        assertThat(Api.withoutSpeeds(arena.api().get("/api/leaderboard").json()))
                .isEqualTo(main);
        assertThat(Api.withoutSpeeds(arena.api().get("/api/leaderboard/elo").json()))
                .isEqualTo(elo);
    }

    @Test
    void fifty_votes_on_one_battle_at_once_are_one_vote_and_forty_nine_conflicts() throws Exception {
        String id = readyBattles(1).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> votes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String outcome = OUTCOMES[i % OUTCOMES.length];
            votes.add(pool.submit(() -> {
                go.await();
                return arena.api()
                        .post("/api/battles/" + id + "/vote", "{\"winner\": \"" + outcome + "\"}")
                        .status();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> v : votes) {
            statuses.add(v.get());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        assertThat(votesInLog()).hasSize(1);
        int battles = 0;
        for (JsonNode row : arena.api().get("/api/leaderboard").json().get("rows")) {
            battles += row.get("battles").asInt();
        }
        assertThat(battles).isEqualTo(2);
    }

    private String newReadyBattle() {
        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Say hi\"}")
                .json()
                .get("id")
                .asText();
        List<Api.Event> events = arena.api().events(id);
        assertThat(Api.endStatus(events)).isEqualTo("ready");
        return id;
    }

    private List<String> readyBattles(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(pool.submit(this::newReadyBattle));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : created) {
            ids.add(f.get());
        }
        pool.shutdown();
        return ids;
    }

    private Map<String, String> votesInLog() throws Exception {
        Map<String, String> votes = new ConcurrentHashMap<>();
        try (Connection c = DriverManager.getConnection(arena.logUrl());
                ResultSet r = c.createStatement().executeQuery("SELECT battle_id, outcome FROM votes")) {
            while (r.next()) {
                votes.put(r.getString(1), r.getString(2));
            }
        }
        return votes;
    }

    private int pairCountInLog(String x, String y) throws Exception {
        try (Connection c = DriverManager.getConnection(arena.logUrl());
                var s = c.prepareStatement("""
                     SELECT COUNT(*) FROM votes v JOIN battles b ON b.id = v.battle_id
                     WHERE (b.model_a = ? AND b.model_b = ?) OR (b.model_a = ? AND b.model_b = ?)""")) {
            s.setString(1, x);
            s.setString(2, y);
            s.setString(3, y);
            s.setString(4, x);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
