package org.gpupoor.arena.leaderboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.MainScore;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.rating.WinLossTable;

/** The data behind the performance charts: ELO over time and head-to-head results. */
public final class ChartData {
    /** At most this many points per model, so a long history stays light for the browser. */
    static final int MAX_POINTS = 400;

    public record Model(String model, String name) {}

    /** Each model's rating after every battle it took part in: [battles counted so far, rating]. */
    public record EloHistory(int battles, List<Model> models, Map<String, List<double[]>> series) {}

    /** How {@code row} fared against {@code col}. */
    public record Cell(String row, String col, int wins, int losses, int ties, int battles, double winRate) {}

    public record HeadToHead(List<Model> models, List<Cell> cells) {}

    private ChartData() {}

    /** The models a chart shows: those of {@code mainBoard} with counted battles, in its order. */
    static List<Model> modelsOf(List<BoardRows.MainRow> mainBoard) {
        return mainBoard.stream()
                .filter(r -> r.battles() > 0)
                .map(r -> new Model(r.model(), r.name()))
                .toList();
    }

    static EloHistory eloHistory(List<CountedBattle> history, SizeAdjustedElo elo, List<Model> models) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Model m : models) {
            elo.rating(m.model())
                    .ifPresent(initial -> series.put(m.model(), new ArrayList<>(List.of(new double[] {0, initial}))));
        }
        int n = 0;
        for (CountedBattle b : history) {
            n++;
            if (elo.apply(b)) {
                record(series, b.modelA(), n, elo);
                record(series, b.modelB(), n, elo);
            }
        }
        int total = n;
        series.values().forEach(points -> {
            double[] last = points.get(points.size() - 1);
            if (last[0] < total) {
                points.add(new double[] {total, last[1]}); // the rating holds until the model battles again
            }
        });
        series.replaceAll((model, points) -> thin(points));
        return new EloHistory(n, models, series);
    }

    private static void record(Map<String, List<double[]>> series, String model, int n, SizeAdjustedElo elo) {
        List<double[]> points = series.get(model);
        if (points != null) {
            points.add(new double[] {n, Math.round(elo.rating(model).orElseThrow() * 10) / 10.0});
        }
    }

    /** Keeps every k-th point, and always the last, when there are more than {@link #MAX_POINTS}. */
    static List<double[]> thin(List<double[]> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        int step = (int) Math.ceil(points.size() / (double) MAX_POINTS);
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < points.size(); i += step) {
            kept.add(points.get(i));
        }
        if (kept.get(kept.size() - 1) != points.get(points.size() - 1)) {
            kept.add(points.get(points.size() - 1));
        }
        return kept;
    }

    static HeadToHead headToHead(WinLossTable table, List<Model> models) {
        List<Cell> cells = new ArrayList<>();
        for (Model row : models) {
            table.opponentsOf(row.model()).forEach((col, t) -> {
                if (models.stream().anyMatch(m -> m.model().equals(col))) {
                    cells.add(new Cell(
                            row.model(), col, t.wins(), t.losses(), t.ties(), t.battles(), MainScore.winRate(t)));
                }
            });
        }
        return new HeadToHead(models, cells);
    }
}
