package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LiveBattlesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void only_the_latest_battles_read_back_from_the_log_stay_in_memory_and_a_generating_one_always_does() {
        LiveBattles battles = new LiveBattles(3);
        LiveBattle generating = battle("generating000000000000");
        battles.add(generating, Map.of());
        LiveBattle first = battles.keep(battle("old0000000000000000001"));
        battles.keep(battle("old0000000000000000002"));
        battles.keep(battle("old0000000000000000003"));
        assertThat(battles.get(first.id())).isSameAs(first); // read again: now the latest

        battles.keep(battle("old0000000000000000004"));

        assertThat(battles.get("old0000000000000000002")).isNull();
        assertThat(battles.get(first.id())).isSameAs(first);
        assertThat(battles.get("old0000000000000000004")).isNotNull();
        assertThat(battles.get(generating.id())).isSameAs(generating);
        // The same battle read twice is one copy, whichever read comes first.
        assertThat(battles.keep(battle(first.id()))).isSameAs(first);
        assertThat(battles.keep(battle(generating.id()))).isSameAs(generating);
    }

    @Test
    void a_voted_battle_leaves_memory_whether_it_ran_here_or_was_read_back() {
        LiveBattles battles = new LiveBattles(3);
        LiveBattle ran = battle("ran0000000000000000000");
        battles.add(ran, Map.of());
        LiveBattle read = battles.keep(battle("read000000000000000000"));

        battles.voted(ran);
        battles.voted(read);

        assertThat(battles.get(ran.id())).isNull();
        assertThat(battles.get(read.id())).isNull();
    }

    @Test
    void models_in_use_are_those_of_battles_generating_now_and_a_follow_up_turn_counts_again() {
        LiveBattles battles = new LiveBattles(3);
        LiveBattle answered = battle("answered00000000000000", "a:1b", "b:1b");
        battles.add(answered, Map.of());
        answered.end(NOW, null, null);
        for (int i = 0; i < 1_000; i++) {
            LiveBattle waiting = battle("waiting%015d".formatted(i), "c:1b", "d:1b");
            battles.add(waiting, Map.of());
            waiting.end(NOW, null, null);
        }
        battles.add(battle("generating000000000000", "e:1b", "f:1b"), Map.of());

        assertThat(battles.inUseBesides(null)).containsExactlyInAnyOrder("e:1b", "f:1b");

        answered.beginTurn("And why is it red at sunset?", NOW);
        battles.add(answered, Map.of());
        assertThat(battles.inUseBesides(null)).containsExactlyInAnyOrder("a:1b", "b:1b", "e:1b", "f:1b");
        assertThat(battles.inUseBesides(answered)).containsExactlyInAnyOrder("e:1b", "f:1b");
    }

    private static LiveBattle battle(String id) {
        return battle(id, "a:1b", "b:1b");
    }

    private static LiveBattle battle(String id, String a, String b) {
        return new LiveBattle(
                id,
                "Why is the sky blue?",
                NOW,
                new Contender(a, "A", 1.0),
                new Contender(b, "B", 1.0),
                CompletableFuture.completedFuture(null));
    }
}
