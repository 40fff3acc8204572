package org.gpupoor.arena.rating;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Wins, losses and ties per model and per pair of models, as counted from the battle log. */
public final class WinLossTable {
    /** Counts from one model's point of view, in total or against one opponent. */
    public record Tally(int wins, int losses, int ties) {
        public static final Tally ZERO = new Tally(0, 0, 0);

        public int battles() {
            return wins + losses + ties;
        }
    }

    /** Mutable counts, so that replaying a million battles allocates nothing per battle. */
    private static final class Counter {
        int wins;
        int losses;
        int ties;
        int bothBad;

        Tally snapshot() {
            return new Tally(wins, losses, ties);
        }
    }

    private final Map<String, Counter> totals = new HashMap<>();
    private final Map<String, Map<String, Counter>> pairs = new HashMap<>();

    public void record(CountedBattle battle) {
        int aWins = battle.outcome() == Outcome.A ? 1 : 0;
        int bWins = battle.outcome() == Outcome.B ? 1 : 0;
        int ties = battle.outcome().isTie() ? 1 : 0;
        int bothBad = battle.outcome() == Outcome.BOTH_BAD ? 1 : 0;
        add(battle.modelA(), battle.modelB(), aWins, bWins, ties, bothBad);
        add(battle.modelB(), battle.modelA(), bWins, aWins, ties, bothBad);
    }

    private void add(String model, String opponent, int wins, int losses, int ties, int bothBad) {
        count(totals.computeIfAbsent(model, m -> new Counter()), wins, losses, ties, bothBad);
        count(
                pairs.computeIfAbsent(model, m -> new HashMap<>()).computeIfAbsent(opponent, m -> new Counter()),
                wins,
                losses,
                ties,
                bothBad);
    }

    private static void count(Counter c, int wins, int losses, int ties, int bothBad) {
        c.wins += wins;
        c.losses += losses;
        c.ties += ties;
        c.bothBad += bothBad;
    }

    /** Of the ties between these two models, how many were voted "both are bad". */
    public int bothBad(String model, String opponent) {
        Counter c = pairs.getOrDefault(model, Map.of()).get(opponent);
        return c == null ? 0 : c.bothBad;
    }

    public Tally total(String model) {
        Counter c = totals.get(model);
        return c == null ? Tally.ZERO : c.snapshot();
    }

    /** Every model with at least one counted battle, in name order. */
    public SortedMap<String, Tally> totals() {
        return snapshot(totals);
    }

    /** This model's tally against each opponent it has met, in name order. */
    public SortedMap<String, Tally> opponentsOf(String model) {
        return snapshot(pairs.getOrDefault(model, Map.of()));
    }

    private static SortedMap<String, Tally> snapshot(Map<String, Counter> counters) {
        TreeMap<String, Tally> copy = new TreeMap<>();
        counters.forEach((model, c) -> copy.put(model, c.snapshot()));
        return Collections.unmodifiableSortedMap(copy);
    }
}
