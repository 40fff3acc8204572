package org.gpupoor.arena.rating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The battle log collapsed to unique (model A, model B, outcome) rows with their counts: a
 * million battles between fifty models become a few thousand rows, which is what makes fitting
 * and bootstrapping fast.
 */
public final class PairCounts {
    /** One unique outcome between two models (by index into {@link #models()}) and how often it happened. */
    public record Row(int a, int b, Outcome outcome, int count) {
    }

    private final List<String> models;
    private final List<Row> rows;

    private PairCounts(List<String> models, List<Row> rows) {
        this.models = models;
        this.rows = rows;
    }

    public static PairCounts of(Iterable<CountedBattle> battles) {
        TreeSet<String> names = new TreeSet<>();
        Map<String, int[]> counts = new HashMap<>();
        for (CountedBattle b : battles) {
            names.add(b.modelA());
            names.add(b.modelB());
            counts.computeIfAbsent(b.modelA() + '\n' + b.modelB() + '\n' + b.outcome().name(), k -> new int[1])[0]++;
        }
        List<String> models = List.copyOf(names);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < models.size(); i++) {
            index.put(models.get(i), i);
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((key, n) -> {
            String[] parts = key.split("\n");
            rows.add(new Row(index.get(parts[0]), index.get(parts[1]), Outcome.valueOf(parts[2]), n[0]));
        });
        rows.sort((x, y) -> x.a() != y.a() ? Integer.compare(x.a(), y.a())
                : x.b() != y.b() ? Integer.compare(x.b(), y.b()) : x.outcome().compareTo(y.outcome()));
        return new PairCounts(models, List.copyOf(rows));
    }

    /** The same rows with other counts (a bootstrap resample). */
    PairCounts withCounts(int[] newCounts) {
        List<Row> resampled = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            resampled.add(new Row(r.a(), r.b(), r.outcome(), newCounts[i]));
        }
        return new PairCounts(models, resampled);
    }

    public List<String> models() {
        return models;
    }

    public List<Row> rows() {
        return rows;
    }

    public long battles() {
        long total = 0;
        for (Row r : rows) {
            total += r.count();
        }
        return total;
    }

    /** wins[i][j]: how often i beat j, ties and both_bad counting half to each side. */
    public double[][] halfWins() {
        int n = models.size();
        double[][] wins = new double[n][n];
        for (Row r : rows) {
            switch (r.outcome()) {
                case A -> wins[r.a()][r.b()] += r.count();
                case B -> wins[r.b()][r.a()] += r.count();
                default -> {
                    wins[r.a()][r.b()] += 0.5 * r.count();
                    wins[r.b()][r.a()] += 0.5 * r.count();
                }
            }
        }
        return wins;
    }
}
