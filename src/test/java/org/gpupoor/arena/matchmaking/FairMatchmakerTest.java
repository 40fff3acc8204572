package org.gpupoor.arena.matchmaking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The original arena's rules, kept as {@code matchmaking.strategy: fair}: with it the battle order is what it always was. */
class FairMatchmakerTest {
    final List<String> models = List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8");

    @Test
    void the_model_with_the_fewest_battles_is_always_in_the_battle_on_a_random_side() {
        Map<String, Integer> battles =
                Map.of("m1", 10, "m2", 10, "m3", 2, "m4", 10, "m5", 10, "m6", 10, "m7", 10, "m8", 10);
        Random random = new Random(7);
        int left = 0;
        for (int i = 0; i < 1000; i++) {
            Pairing p = FairMatchmaker.pick(new Field(models, battles, Map.of(), m -> List.of(), Map.of()), random);
            assertThat(List.of(p.modelA(), p.modelB())).contains("m3");
            assertThat(p.modelA()).isNotEqualTo(p.modelB());
            left += p.modelA().equals("m3") ? 1 : 0;
        }
        assertThat(left).isBetween(430, 570);
    }

    @Test
    void the_opponent_avoids_the_last_five_and_favours_models_with_fewer_battles() {
        Map<String, Integer> battles =
                new HashMap<>(Map.of("m1", 0, "m2", 5, "m3", 5, "m4", 5, "m5", 5, "m6", 5, "m7", 1, "m8", 9));
        Random random = new Random(11);
        Map<String, Integer> drawn = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            Pairing p = FairMatchmaker.pick(
                    new Field(models, battles, Map.of(), m -> List.of("m2", "m3", "m4", "m5", "m6"), Map.of()), random);
            String opponent = p.modelA().equals("m1") ? p.modelB() : p.modelA();
            drawn.merge(opponent, 1, Integer::sum);
        }
        assertThat(drawn.keySet()).containsExactlyInAnyOrder("m7", "m8");
        // weights 1/2 and 1/10: m7 expected 5/6 of the time
        assertThat(drawn.get("m7") / 4000.0).isBetween(0.80, 0.87);
    }

    @Test
    void when_every_other_model_was_a_recent_opponent_they_are_drawn_anyway() {
        Pairing p = pick(List.of("a", "b"), Map.of(), m -> List.of("a", "b"), new Random(1));
        assertThat(List.of(p.modelA(), p.modelB())).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void a_model_is_never_paired_with_itself_whatever_the_counts() {
        Random random = new Random(3);
        for (int i = 0; i < 5000; i++) {
            List<String> available = models.subList(0, 2 + random.nextInt(models.size() - 1));
            Map<String, Integer> battles = new HashMap<>();
            available.forEach(m -> battles.put(m, random.nextInt(4)));
            Pairing p = pick(available, battles, m -> List.of(available.get(0)), random);
            assertThat(p.modelA()).isNotEqualTo(p.modelB());
            assertThat(available).contains(p.modelA(), p.modelB());
        }
    }

    @Test
    void the_last_opponent_is_not_drawn_again_while_another_remains() {
        Map<String, Integer> battles = Map.of("a", 0, "b", 3, "c", 3);
        Random random = new Random(5);
        for (int i = 0; i < 1000; i++) {
            Pairing p = pick(List.of("a", "b", "c"), battles, m -> m.equals("a") ? List.of("b") : List.of(), random);
            assertThat(List.of(p.modelA(), p.modelB())).containsExactlyInAnyOrder("a", "c");
        }
    }

    @Test
    void every_model_sits_left_and_right_about_equally_often() {
        Random random = new Random(9);
        Map<String, Integer> left = new HashMap<>();
        Map<String, Integer> right = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            Pairing p = pick(List.of("x", "y", "z"), Map.of(), m -> List.of(), random);
            left.merge(p.modelA(), 1, Integer::sum);
            right.merge(p.modelB(), 1, Integer::sum);
        }
        for (String model : List.of("x", "y", "z")) {
            double share = left.get(model) / (double) (left.get(model) + right.get(model));
            assertThat(share).as(model).isBetween(0.46, 0.54);
        }
    }

    private static Pairing pick(
            List<String> available,
            Map<String, Integer> battles,
            java.util.function.Function<String, List<String>> recentOpponents,
            Random random) {
        return FairMatchmaker.pick(new Field(available, battles, Map.of(), recentOpponents, Map.of()), random);
    }
}
