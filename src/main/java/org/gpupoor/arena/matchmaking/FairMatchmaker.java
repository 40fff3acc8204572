package org.gpupoor.arena.matchmaking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Picks two models the way the original arena does ({@code matchmaking.strategy: fair}): A is
 * the model with the fewest battles, B is drawn with weight {@code 1/(battles+1)} from the
 * others, avoiding A's last five opponents when any other choice remains. Which one sits on the
 * left is a coin toss. It knows nothing of memory: most battles load two models.
 */
public final class FairMatchmaker {
    public static final int RECENT_OPPONENTS = 5;

    private FairMatchmaker() {}

    public static Pairing pick(Field field, Random random) {
        List<String> available = field.available();
        if (available.size() < 2) {
            throw new IllegalArgumentException("a battle needs two models, " + available.size() + " available");
        }
        int fewest = available.stream().mapToInt(field::battlesOf).min().orElseThrow();
        List<String> leastPlayed =
                available.stream().filter(m -> field.battlesOf(m) == fewest).toList();
        String first = leastPlayed.get(random.nextInt(leastPlayed.size()));

        List<String> recent = field.recentOpponents().apply(first);
        List<String> others =
                new ArrayList<>(available.stream().filter(m -> !m.equals(first)).toList());
        List<String> fresh = others.stream()
                .filter(m -> !recent.subList(0, Math.min(RECENT_OPPONENTS, recent.size()))
                        .contains(m))
                .toList();
        List<String> candidates = new ArrayList<>(fresh.isEmpty() ? others : fresh);
        candidates.sort(Comparator.naturalOrder());
        String second = weightedDraw(candidates, field, random);

        return random.nextBoolean() ? new Pairing(first, second) : new Pairing(second, first);
    }

    private static String weightedDraw(List<String> candidates, Field field, Random random) {
        double total = 0;
        for (String m : candidates) {
            total += 1.0 / (field.battlesOf(m) + 1);
        }
        double point = random.nextDouble() * total;
        for (String m : candidates) {
            point -= 1.0 / (field.battlesOf(m) + 1);
            if (point < 0) {
                return m;
            }
        }
        return candidates.get(candidates.size() - 1);
    }
}
