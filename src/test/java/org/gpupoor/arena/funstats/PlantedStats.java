package org.gpupoor.arena.funstats;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.SideRecord;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.OfflineBoards;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;

/**
 * A log of 39 counted battles where every fun stat has one known answer, and a hidden model that
 * would win three of them were it shown:
 * <ul>
 *   <li>Ace beats Cat 9 of 10 (most lopsided), and Cat's one win is the biggest upset;
 *   <li>Bee and Cat split 3–3 (closest rivalry); Ace beats Bee 6 of 8;
 *   <li>Bee beats Dog 3 of 3 and Cat and Dog split 1–1: fewer than 5 battles, so neither pair counts;
 *   <li>Hidden beats Cat 10 of 10, answers at 300 tokens/s and writes 5000 tokens, all unseen;
 *   <li>Bee is the fastest shown model (45 tokens/s), Ace the longest (600 tokens);
 *   <li>12 votes at 14:xx UTC, 9 at each of 03, 09 and 20; 26 prompts on code, 13 poems.
 * </ul>
 */
final class PlantedStats {
    static final String CODE = "Write a Python function that returns the n-th Fibonacci number.";
    static final String POEM = "Write a short poem about the autumn rain on a quiet street.";
    static final int BATTLES = 39;

    /** tag, display name, parameters, tokens/s, answer tokens. */
    static final Object[][] MODELS = {
        {"ace:7b", "Ace (7B)", "7.0B", 12.0, 600},
        {"bee:3b", "Bee (3B)", "3.0B", 45.0, 150},
        {"cat:1b", "Cat (1B)", "1.0B", 25.0, 40},
        {"dog:1b", "Dog (1B)", "1.0B", 30.0, 100},
        {"hid:1b", "Hidden (1B)", "1.0B", 300.0, 5000},
    };

    /** model A, model B, A's wins, B's wins. */
    static final Object[][] PAIRS = {
        {"ace:7b", "cat:1b", 9, 1},
        {"ace:7b", "bee:3b", 6, 2},
        {"bee:3b", "cat:1b", 3, 3},
        {"hid:1b", "cat:1b", 10, 0},
        {"bee:3b", "dog:1b", 3, 0},
        {"cat:1b", "dog:1b", 1, 1},
    };

    private PlantedStats() {}

    /** Plants the log in the arena's folder and returns the config to start it with. */
    static ArenaConfig plant(ArenaExtension arena) {
        TestArena.Builder builder = TestArena.config(arena.ollama().url(), arena.dir());
        for (Object[] m : MODELS) {
            arena.ollama().model((String) m[0], (String) m[2]).answers("An", " answer.");
            builder.model((String) m[0], (String) m[1], null);
        }
        ArenaConfig config = builder.build();
        Map<String, SideRecord> answers = new HashMap<>();
        for (Object[] m : MODELS) {
            answers.put(
                    (String) m[0],
                    new SideRecord("An answer.", (Integer) m[4], (Double) m[3], 100L, 5000L, "stop", null, 0L));
        }
        Instant start = Instant.parse("2026-11-02T00:00:00Z");
        try (OfflineBoards offline = new OfflineBoards(arena.dir(), config)) {
            int i = 0;
            for (Object[] p : PAIRS) {
                String a = (String) p[0];
                String b = (String) p[1];
                int aWins = (Integer) p[2];
                int bWins = (Integer) p[3];
                for (int k = 0; k < aWins + bWins; k++, i++) {
                    int hour = i < 12 ? 14 : List.of(3, 9, 20).get(i % 3);
                    Instant at = start.plus(Duration.ofDays(i))
                            .plus(Duration.ofHours(hour).plusMinutes(i));
                    Outcome outcome = k < aWins ? Outcome.A : Outcome.B;
                    offline.vote(a, b, outcome, i % 3 == 0 ? POEM : CODE, answers.get(a), answers.get(b), at);
                }
            }
            offline.hidden.hide("hid:1b", Instant.now());
        }
        return config;
    }

    /** Waits until the arena has classified every prompt and fitted every battle. */
    static void awaitSettled(Api api) throws Exception {
        Poll.until("the log classified and fitted", Duration.ofSeconds(30), () -> {
            var listing = api.get("/api/categories").json();
            return listing.get("unclassified").asLong() == 0
                    && listing.get("battles").asLong() == BATTLES
                    && api.get("/api/leaderboard/bt").json().get("battles").asLong() == BATTLES;
        });
    }
}
