package org.gpupoor.arena.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.gpupoor.arena.leaderboard.BoardRows.EloRow;
import org.gpupoor.arena.leaderboard.BoardRows.MainRow;

/**
 * The one place the main and ELO boards are ordered and ranked, for the boards and for a vote's
 * answer alike. A rank counts only the models the boards show: a hidden model keeps its row (a
 * vote on its battle still tells its results) but gets no rank, and takes none from anyone.
 */
final class Ranks {
    private Ranks() {}

    static List<MainRow> main(List<MainRow> rows, Set<String> hidden) {
        List<MainRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(MainRow::score)
                .reversed()
                .thenComparing(Comparator.comparingInt(MainRow::battles).reversed())
                .thenComparing(MainRow::name));
        List<MainRow> ranked = new ArrayList<>();
        int next = 1;
        for (MainRow r : sorted) {
            Integer rank = hidden.contains(r.model()) ? null : next++;
            ranked.add(new MainRow(
                    rank,
                    r.model(),
                    r.name(),
                    r.sizeB(),
                    r.wins(),
                    r.losses(),
                    r.ties(),
                    r.battles(),
                    r.winRate(),
                    r.score()));
        }
        return ranked;
    }

    /** Models without a rating (size unknown) come last, unranked. */
    static List<EloRow> elo(List<EloRow> rows, Set<String> hidden) {
        List<EloRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((EloRow r) -> r.rating() == null ? Double.NEGATIVE_INFINITY : r.rating())
                .reversed()
                .thenComparing(EloRow::name));
        List<EloRow> ranked = new ArrayList<>();
        int next = 1;
        for (EloRow r : sorted) {
            Integer rank = r.rating() == null || hidden.contains(r.model()) ? null : next++;
            ranked.add(new EloRow(
                    rank,
                    r.model(),
                    r.name(),
                    r.sizeB(),
                    r.rating(),
                    r.initialRating(),
                    r.winImpact(),
                    r.lossImpact(),
                    r.battles()));
        }
        return ranked;
    }
}
