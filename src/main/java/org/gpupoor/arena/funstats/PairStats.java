package org.gpupoor.arena.funstats;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gpupoor.arena.leaderboard.ChartData.Cell;

/**
 * The stats about pairs of models, from the boards' head-to-head counts (ties and "both are bad"
 * as half a win, as the boards count them) and the Bradley-Terry ratings of the last fit.
 */
final class PairStats {
    /** A pair needs this many battles before its share says anything. */
    static final int MIN_BATTLES = 5;

    private static final Comparator<Cell> BY_NAMES =
            Comparator.comparing(Cell::row).thenComparing(Cell::col);

    private final List<Cell> cells;
    private final Function<String, Stat.Named> named;

    /** {@code cells}: every pair that met, once from each side, hidden models already left out. */
    PairStats(List<Cell> cells, Function<String, Stat.Named> named) {
        this.cells = cells;
        this.named = named;
    }

    Stat mostLopsided() {
        String title = "🥊 Most lopsided pair";
        return cells.stream()
                .filter(c -> c.battles() >= MIN_BATTLES)
                .min(Comparator.comparingDouble(Cell::winRate)
                        .reversed()
                        .thenComparing(Comparator.comparingInt(Cell::battles).reversed())
                        .thenComparing(BY_NAMES))
                .map(c -> Stat.of(
                        "most_lopsided",
                        title,
                        pair(c),
                        round3(c.winRate()),
                        percent(c.winRate()) + " of " + c.battles() + " battles",
                        tally(c)))
                .orElseGet(() -> Stat.missing("most_lopsided", title, noPair()));
    }

    Stat closestRivalry() {
        String title = "🤝 Closest rivalry";
        return cells.stream()
                .filter(c -> c.battles() >= MIN_BATTLES)
                // Each pair once, from the side that leads (or the first by tag when level).
                .filter(c -> c.winRate() > 0.5 || (c.winRate() == 0.5 && c.row().compareTo(c.col()) < 0))
                .min(Comparator.comparingDouble((Cell c) -> Math.abs(c.winRate() - 0.5))
                        .thenComparing(Comparator.comparingInt(Cell::battles).reversed())
                        .thenComparing(BY_NAMES))
                .map(c -> Stat.of(
                        "closest_rivalry",
                        title,
                        pair(c),
                        round3(c.winRate()),
                        percent(c.winRate()) + " – " + percent(1 - c.winRate()),
                        "over " + c.battles() + " battles; " + tally(c)))
                .orElseGet(() -> Stat.missing("closest_rivalry", title, noPair()));
    }

    /** The counted win whose loser stands furthest above the winner on the current Bradley-Terry board. */
    Stat biggestUpset(Map<String, Double> ratings) {
        String title = "😲 Biggest upset";
        Optional<Cell> upset = cells.stream()
                .filter(c -> c.wins() > 0 && ratings.containsKey(c.row()) && ratings.containsKey(c.col()))
                .filter(c -> gap(c, ratings) > 0)
                .min(Comparator.comparingDouble((Cell c) -> gap(c, ratings))
                        .reversed()
                        .thenComparing(BY_NAMES));
        if (upset.isEmpty()) {
            return Stat.missing("biggest_upset", title, "no model has beaten one rated above it");
        }
        Cell c = upset.get();
        double gap = Math.round(gap(c, ratings) * 10) / 10.0;
        return Stat.of(
                "biggest_upset",
                title,
                pair(c),
                gap,
                "+" + whole(gap) + " rating points",
                named.apply(c.row()).name() + ", rated " + whole(ratings.get(c.row())) + ", beat "
                        + named.apply(c.col()).name() + ", rated " + whole(ratings.get(c.col())) + ", "
                        + times(c.wins()) + " in " + c.battles() + " battles");
    }

    private static double gap(Cell c, Map<String, Double> ratings) {
        return ratings.get(c.col()) - ratings.get(c.row());
    }

    private List<Stat.Named> pair(Cell c) {
        return List.of(named.apply(c.row()), named.apply(c.col()));
    }

    private String tally(Cell c) {
        return named.apply(c.row()).name() + ": " + c.wins() + " won, " + c.losses() + " lost, " + c.ties() + " tied";
    }

    private static String noPair() {
        return "no two models have met " + MIN_BATTLES + " times";
    }

    private static String times(int n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    static String whole(double value) {
        return Long.toString(Math.round(value));
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
