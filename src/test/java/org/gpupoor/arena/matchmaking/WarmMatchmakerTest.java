package org.gpupoor.arena.matchmaking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gpupoor.arena.gpu.LoadCosts;
import org.gpupoor.arena.testing.ShippedModels;
import org.junit.jupiter.api.Test;

/**
 * The warm matchmaker over many battles with the shipped 16 models on an 8 GB GPU: models load,
 * the least recently used ones are evicted, and the pairs it draws must stay fair.
 */
class WarmMatchmakerTest {
    static final double GB_PER_SECOND = 1.5;
    final Map<String, Double> footprints = ShippedModels.footprintsGb();
    final List<String> models = List.copyOf(footprints.keySet());
    // The median model's load, the unit the matchmaker weighs loads in (as Residency computes it).
    final double typicalLoadSeconds =
            footprints.values().stream().sorted().toList().get(footprints.size() / 2) / GB_PER_SECOND;

    /** Plays {@code count} battles, each vote counted; returns how many seconds went to loading. */
    final class Season {
        final Map<String, Integer> battles = new HashMap<>();
        final Map<String, Integer> pairs = new HashMap<>();
        final Map<String, List<String>> opponents = new HashMap<>();
        final Map<String, Integer> onTheLeft = new HashMap<>();
        final LinkedHashMap<String, Double> loaded = new LinkedHashMap<>(16, 0.75f, true);
        double loadSeconds;
        WarmMatchmaker.Weights weights = WarmMatchmaker.Weights.DEFAULT;

        double cost(List<String> pair) {
            LinkedHashMap<String, Long> held = new LinkedHashMap<>();
            loaded.forEach((m, gb) -> held.put(m, Math.round(gb * 1e9)));
            return LoadCosts.seconds(
                            pair, held, m -> Math.round(footprints.get(m) * 1e9), 8_000_000_000L, GB_PER_SECOND * 1e9)
                    / typicalLoadSeconds;
        }

        Pairing next(Random random) {
            Field field = new Field(models, battles, pairs, m -> opponents.getOrDefault(m, List.of()), Map.of());
            Pairing p = WarmMatchmaker.pick(field, this::cost, weights, random);
            play(p);
            return p;
        }

        void play(Pairing p) {
            for (String m : p.models()) {
                if (loaded.get(m) == null) {
                    while (!loaded.isEmpty()
                            && loaded.values().stream()
                                                    .mapToDouble(Double::doubleValue)
                                                    .sum()
                                            + footprints.get(m)
                                    > 8.0) {
                        // the pair's other model goes only when nothing else is left: the two answer one after the
                        // other
                        String lru = loaded.keySet().stream()
                                .filter(x -> !p.models().contains(x))
                                .findFirst()
                                .orElse(loaded.keySet().iterator().next());
                        loaded.remove(lru);
                    }
                    loaded.put(m, footprints.get(m));
                    loadSeconds += footprints.get(m) / GB_PER_SECOND;
                }
                battles.merge(m, 1, Integer::sum);
            }
            pairs.merge(Pairing.key(p.modelA(), p.modelB()), 1, Integer::sum);
            onTheLeft.merge(p.modelA(), 1, Integer::sum);
            opponents.computeIfAbsent(p.modelA(), k -> new ArrayList<>()).add(0, p.modelB());
            opponents.computeIfAbsent(p.modelB(), k -> new ArrayList<>()).add(0, p.modelA());
        }
    }

    @Test
    void after_300_battles_every_model_has_played_within_a_quarter_of_the_mean() {
        for (long seed = 1; seed <= 5; seed++) {
            Season season = new Season();
            Random random = new Random(seed);
            for (int i = 0; i < 300; i++) {
                season.next(random);
            }
            double mean = 600.0 / models.size();
            assertThat(season.battles.values())
                    .allSatisfy(
                            n -> assertThat(n).isBetween((int) Math.ceil(0.75 * mean), (int) Math.floor(1.25 * mean)));
        }
    }

    @Test
    void in_1000_battles_every_pair_is_drawn_at_least_twice() {
        Season season = new Season();
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            season.next(random);
        }
        for (int i = 0; i < models.size(); i++) {
            for (int j = i + 1; j < models.size(); j++) {
                assertThat(season.pairs.getOrDefault(Pairing.key(models.get(i), models.get(j)), 0))
                        .as("%s vs %s", models.get(i), models.get(j))
                        .isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void sides_stay_random() {
        Season season = new Season();
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            season.next(random);
        }
        for (String m : models) {
            double leftShare = season.onTheLeft.getOrDefault(m, 0) / (double) season.battles.get(m);
            assertThat(leftShare).as(m).isBetween(0.38, 0.62);
        }
    }

    @Test
    void it_loads_far_less_than_the_original_rules() {
        double warmSeconds = 0;
        double fairSeconds = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Season warm = new Season();
            Season fair = new Season();
            Random random = new Random(seed);
            for (int i = 0; i < 300; i++) {
                warm.next(random);
                Field field = new Field(
                        models, fair.battles, fair.pairs, m -> fair.opponents.getOrDefault(m, List.of()), Map.of());
                fair.play(FairMatchmaker.pick(field, random));
            }
            warmSeconds += warm.loadSeconds;
            fairSeconds += fair.loadSeconds;
        }
        // Pairing alone (no preload): about 0.49 of the original's loading here; BENCHMARKS.md has the whole arena.
        assertThat(warmSeconds).isLessThan(fairSeconds * 0.55);
    }

    @Test
    void between_equally_warm_fair_pairs_it_takes_the_one_a_vote_teaches_most() {
        Map<String, Field.Strength> strengths = Map.of(
                "a",
                new Field.Strength(1200, 20),
                "b",
                new Field.Strength(1000, 20),
                "c",
                new Field.Strength(1010, 150),
                "d",
                new Field.Strength(1400, 20));
        Field field = new Field(List.of("a", "b", "c", "d"), Map.of(), Map.of(), m -> List.of(), strengths);

        for (int seed = 0; seed < 20; seed++) {
            Pairing p = WarmMatchmaker.pick(field, pair -> 0, WarmMatchmaker.Weights.DEFAULT, new Random(seed));
            assertThat(p.models()).containsExactlyInAnyOrder("b", "c");
        }
    }

    @Test
    void a_loaded_model_is_chained_into_the_next_battle() {
        Field field = new Field(List.of("a", "b", "c", "d"), Map.of(), Map.of(), m -> List.of(), Map.of());
        for (int seed = 0; seed < 20; seed++) {
            Pairing p = WarmMatchmaker.pick(
                    field, pair -> pair.contains("c") ? 3 : 6, WarmMatchmaker.Weights.DEFAULT, new Random(seed));
            assertThat(p.models()).contains("c");
        }
    }
}
