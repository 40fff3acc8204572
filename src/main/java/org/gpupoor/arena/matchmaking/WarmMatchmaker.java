package org.gpupoor.arena.matchmaking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Picks the pair that costs the voter least to wait for, among the fair ones. Fair first: only
 * models within a small band of the fewest battles may play (so battle counts stay level), and
 * never a model's last opponents when another choice remains. Among those, each pair costs
 * <pre>
 *   load   x expected loading, in typical loads (0 for a model in memory)
 * + repeat x battles this pair has had beyond the least-played candidate pair
 * + ahead  x battles the pair's models are ahead of the fewest, on average
 * - info   x what a vote would teach the board (1 for two models of equal rating with wide intervals)
 * </pre>
 * and the cheapest wins, ties drawn at random. Sides are a coin toss. A typical load is the
 * seconds the median model takes to load on that host, so the weights mean the same on a fast
 * disk as on a slow one.
 */
public final class WarmMatchmaker {
    /** Rating points of interval half width (summed over the pair) at which a vote teaches the most. */
    static final double WIDE_INTERVALS = 200;

    /** How much each term weighs: the settings {@code matchmaking.weights}. */
    public record Weights(double load, double repeat, double ahead, double info) {
        public static final Weights DEFAULT = new Weights(1.5, 0.5, 1.0, 2.0);
    }

    private WarmMatchmaker() {}

    /**
     * @param loads the loading a pair would cost, in typical loads: the loads it waits for, and
     *              what it evicts that later battles would load again (see gpu/LoadCosts)
     */
    public static Pairing pick(Field field, ToDoubleFunction<List<String>> loads, Weights weights, Random random) {
        List<String> available = field.available();
        if (available.size() < 2) {
            throw new IllegalArgumentException("a battle needs two models, " + available.size() + " available");
        }
        List<String[]> candidates = candidates(field);
        int leastPairBattles = candidates.stream()
                .mapToInt(p -> field.pairBattlesOf(p[0], p[1]))
                .min()
                .orElse(0);
        int fewest = available.stream().mapToInt(field::battlesOf).min().orElseThrow();
        Collections.shuffle(candidates, random);
        String[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (String[] pair : candidates) {
            double cost = weights.load() * loads.applyAsDouble(List.of(pair))
                    + weights.repeat() * (field.pairBattlesOf(pair[0], pair[1]) - leastPairBattles)
                    + weights.ahead() * ((field.battlesOf(pair[0]) + field.battlesOf(pair[1])) / 2.0 - fewest)
                    - weights.info() * information(field, pair[0], pair[1]);
            if (cost < bestCost) {
                bestCost = cost;
                best = pair;
            }
        }
        return random.nextBoolean() ? new Pairing(best[0], best[1]) : new Pairing(best[1], best[0]);
    }

    /**
     * How many battles a model may be ahead of the fewest and still play: enough room to chain
     * battles through a loaded model (five: a big model may stay for a few battles against
     * smaller ones), little enough that once the mean passes 25 every count stays within a
     * quarter of it (the spread is at most the band plus one).
     */
    static int band(double meanBattles) {
        return Math.max(5, (int) Math.floor(0.2 * meanBattles));
    }

    /** Whether {@code pair} is one of the fair pairs now. */
    static boolean fair(Field field, Pairing pair) {
        return candidates(field).stream().anyMatch(p -> pair.models().containsAll(List.of(p)));
    }

    /** The fair pairs: both models within the band (else the fewest-played with anyone), no recent rematch. */
    static List<String[]> candidates(Field field) {
        List<String> available = field.available();
        int fewest = available.stream().mapToInt(field::battlesOf).min().orElseThrow();
        double mean = available.stream().mapToInt(field::battlesOf).average().orElse(0);
        int limit = fewest + band(mean);
        List<String> inBand =
                available.stream().filter(m -> field.battlesOf(m) <= limit).toList();
        List<String[]> pairs = new ArrayList<>();
        if (inBand.size() >= 2) {
            for (int i = 0; i < inBand.size(); i++) {
                for (int j = i + 1; j < inBand.size(); j++) {
                    pairs.add(new String[] {inBand.get(i), inBand.get(j)});
                }
            }
        } else {
            String last = inBand.get(0);
            available.stream().filter(m -> !m.equals(last)).forEach(m -> pairs.add(new String[] {last, m}));
        }
        List<String[]> fresh =
                pairs.stream().filter(p -> !recentRematch(field, p[0], p[1])).toList();
        return new ArrayList<>(fresh.isEmpty() ? pairs : fresh);
    }

    private static boolean recentRematch(Field field, String one, String other) {
        List<String> recent = field.recentOpponents().apply(one);
        return recent.subList(0, Math.min(FairMatchmaker.RECENT_OPPONENTS, recent.size()))
                .contains(other);
    }

    /**
     * What a vote on this pair would teach the board, from 0 to 1: most when the two are close in
     * rating (a vote could go either way) and their intervals are wide; the best public arena
     * samples by the same rule. A model without a rating counts as even and wide.
     */
    static double information(Field field, String one, String other) {
        Field.Strength a = field.strengths().get(one);
        Field.Strength b = field.strengths().get(other);
        if (a == null || b == null) {
            return 1;
        }
        double p = 1 / (1 + Math.pow(10, (b.rating() - a.rating()) / 400));
        return 4 * p * (1 - p) * Math.min(1, (a.halfWidth() + b.halfWidth()) / WIDE_INTERVALS);
    }
}
