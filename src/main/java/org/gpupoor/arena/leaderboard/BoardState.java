package org.gpupoor.arena.leaderboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.rating.WinLossTable;

/**
 * What the boards have counted: the win/loss table and the size-adjusted ELO, with the sizes the
 * ELO started every model from. Not thread-safe: {@link Leaderboard} guards it.
 */
record BoardState(WinLossTable table, SizeAdjustedElo elo, Map<String, Double> sizes, double maxSize) {

    /** Nothing counted yet, each model to start from its size. */
    static BoardState empty(Map<String, Double> sizes, double maxSize) {
        return new BoardState(new WinLossTable(), new SizeAdjustedElo(sizes, maxSize), sizes, maxSize);
    }

    void count(CountedBattle battle) {
        table.record(battle);
        elo.apply(battle);
    }

    /** An ELO with nothing counted, started from the same sizes: for replaying the history for the chart. */
    SizeAdjustedElo freshElo() {
        return new SizeAdjustedElo(sizes, maxSize);
    }

    /** Per-model and per-opponent counts as leaderboard.json stores them. */
    LeaderboardJson.Counts jsonCounts() {
        Map<String, SortedMap<String, WinLossTable.Tally>> opponents = new HashMap<>();
        SortedMap<String, WinLossTable.Tally> totals = table.totals();
        totals.keySet().forEach(model -> opponents.put(model, table.opponentsOf(model)));
        return new LeaderboardJson.Counts(totals, opponents);
    }

    /**
     * The counted battles collapsed per pair, as the Bradley-Terry fit needs them: for each pair
     * (first model in name order as "A"), its wins, its losses, its ties and its "both are bad"
     * (one kind of tie to the fit; told apart for each model's both-bad share).
     */
    List<PairCounts.Tally> pairTallies() {
        List<PairCounts.Tally> tallies = new ArrayList<>();
        for (String model : table.totals().keySet()) {
            table.opponentsOf(model).forEach((opponent, t) -> {
                if (model.compareTo(opponent) < 0) {
                    tallies.add(new PairCounts.Tally(model, opponent, Outcome.A, t.wins()));
                    tallies.add(new PairCounts.Tally(model, opponent, Outcome.B, t.losses()));
                    int bothBad = table.bothBad(model, opponent);
                    tallies.add(new PairCounts.Tally(model, opponent, Outcome.TIE, t.ties() - bothBad));
                    tallies.add(new PairCounts.Tally(model, opponent, Outcome.BOTH_BAD, bothBad));
                }
            });
        }
        return tallies;
    }
}
