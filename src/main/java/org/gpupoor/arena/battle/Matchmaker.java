package org.gpupoor.arena.battle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Picks two models the way the original arena does: A is the model with the fewest battles, B is
 * drawn with weight {@code 1/(battles+1)} from the others, avoiding A's last five opponents when
 * any other choice remains. Which one sits on the left is a coin toss.
 */
public final class Matchmaker {
    static final int RECENT_OPPONENTS = 5;

    public record Pairing(String modelA, String modelB) {}

    private Matchmaker() {}

    /**
     * @param available       models that can battle now, at least two
     * @param battles         counted battles per model (absent means none)
     * @param recentOpponents a model's most recent opponents, newest first
     */
    public static Pairing pick(
            List<String> available,
            Map<String, Integer> battles,
            Function<String, List<String>> recentOpponents,
            Random random) {
        if (available.size() < 2) {
            throw new IllegalArgumentException("a battle needs two models, " + available.size() + " available");
        }
        int fewest = available.stream()
                .mapToInt(m -> battles.getOrDefault(m, 0))
                .min()
                .orElseThrow();
        List<String> leastPlayed = available.stream()
                .filter(m -> battles.getOrDefault(m, 0) == fewest)
                .toList();
        String first = leastPlayed.get(random.nextInt(leastPlayed.size()));

        List<String> recent = recentOpponents.apply(first);
        List<String> others =
                new ArrayList<>(available.stream().filter(m -> !m.equals(first)).toList());
        List<String> fresh = others.stream()
                .filter(m -> !recent.subList(0, Math.min(RECENT_OPPONENTS, recent.size()))
                        .contains(m))
                .toList();
        List<String> candidates = new ArrayList<>(fresh.isEmpty() ? others : fresh);
        candidates.sort(Comparator.naturalOrder());
        String second = weightedDraw(candidates, battles, random);

        return random.nextBoolean() ? new Pairing(first, second) : new Pairing(second, first);
    }

    private static String weightedDraw(List<String> candidates, Map<String, Integer> battles, Random random) {
        double total = 0;
        for (String m : candidates) {
            total += 1.0 / (battles.getOrDefault(m, 0) + 1);
        }
        double point = random.nextDouble() * total;
        for (String m : candidates) {
            point -= 1.0 / (battles.getOrDefault(m, 0) + 1);
            if (point < 0) {
                return m;
            }
        }
        return candidates.get(candidates.size() - 1);
    }
}
