package org.gpupoor.arena.rating;

import java.util.Collections;
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

        Tally plus(int w, int l, int t) {
            return new Tally(wins + w, losses + l, ties + t);
        }
    }

    private final Map<String, Tally> totals = new TreeMap<>();
    private final Map<String, Map<String, Tally>> pairs = new TreeMap<>();

    public void record(CountedBattle battle) {
        int aWins = battle.outcome() == Outcome.A ? 1 : 0;
        int bWins = battle.outcome() == Outcome.B ? 1 : 0;
        int ties = battle.outcome().isTie() ? 1 : 0;
        add(battle.modelA(), battle.modelB(), aWins, bWins, ties);
        add(battle.modelB(), battle.modelA(), bWins, aWins, ties);
    }

    private void add(String model, String opponent, int wins, int losses, int ties) {
        totals.merge(model, Tally.ZERO.plus(wins, losses, ties), (old, x) -> old.plus(wins, losses, ties));
        pairs.computeIfAbsent(model, m -> new TreeMap<>())
                .merge(opponent, Tally.ZERO.plus(wins, losses, ties), (old, x) -> old.plus(wins, losses, ties));
    }

    public Tally total(String model) {
        return totals.getOrDefault(model, Tally.ZERO);
    }

    /** Every model with at least one counted battle, in name order. */
    public SortedMap<String, Tally> totals() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(totals));
    }

    /** This model's tally against each opponent it has met, in name order. */
    public SortedMap<String, Tally> opponentsOf(String model) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(pairs.getOrDefault(model, Map.of())));
    }
}
