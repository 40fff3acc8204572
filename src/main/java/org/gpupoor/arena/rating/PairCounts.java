package org.gpupoor.arena.rating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The battle log collapsed to unique (model A, model B, outcome) rows with their counts: a
 * million battles between fifty models become a few thousand rows, which is what makes fitting
 * and bootstrapping fast. Rows are canonical, because Bradley-Terry sees neither which side a
 * model sat on nor which kind of tie it was: A is the model first in name order, and both_bad is
 * counted with tie. So the same battles give the same rows (and the same bootstrap) however they
 * were collapsed.
 */
public final class PairCounts {
    /** One unique outcome between two models (by index into {@link #models()}) and how often it happened. */
    public record Row(int a, int b, Outcome outcome, long count) {}

    /** One unique outcome between two models, by tag, as the log's GROUP BY returns it. */
    public record Tally(String modelA, String modelB, Outcome outcome, long count) {}

    private final List<String> models;
    private final List<Row> rows;
    private final long[] bothBad;

    private PairCounts(List<String> models, List<Row> rows, long[] bothBad) {
        this.models = models;
        this.rows = rows;
        this.bothBad = bothBad;
    }

    public static PairCounts of(List<CountedBattle> battles) {
        Map<String, Integer> index = new HashMap<>();
        List<String> seen = new ArrayList<>();
        for (CountedBattle b : battles) {
            if (index.putIfAbsent(b.modelA(), seen.size()) == null) {
                seen.add(b.modelA());
            }
            if (index.putIfAbsent(b.modelB(), seen.size()) == null) {
                seen.add(b.modelB());
            }
        }
        int n = seen.size();
        int outcomes = Outcome.values().length;
        long[] counts = new long[n * n * outcomes];
        for (CountedBattle b : battles) {
            counts[
                    (index.get(b.modelA()) * n + index.get(b.modelB())) * outcomes
                            + b.outcome().ordinal()]++;
        }
        List<Tally> tallies = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                int pair = k / outcomes;
                tallies.add(
                        new Tally(seen.get(pair / n), seen.get(pair % n), Outcome.values()[k % outcomes], counts[k]));
            }
        }
        return fromTallies(tallies);
    }

    public static PairCounts fromTallies(List<Tally> tallies) {
        TreeSet<String> names = new TreeSet<>();
        for (Tally t : tallies) {
            names.add(t.modelA());
            names.add(t.modelB());
        }
        List<String> models = List.copyOf(names);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < models.size(); i++) {
            index.put(models.get(i), i);
        }
        Map<List<Object>, long[]> merged = new HashMap<>();
        long[] bothBad = new long[models.size()];
        for (Tally t : tallies) {
            if (t.count() > 0) {
                int a = index.get(t.modelA());
                int b = index.get(t.modelB());
                if (t.outcome() == Outcome.BOTH_BAD) {
                    bothBad[a] += t.count();
                    bothBad[b] += t.count();
                }
                Outcome outcome = t.outcome().isTie() ? Outcome.TIE : t.outcome();
                if (a > b) {
                    int swap = a;
                    a = b;
                    b = swap;
                    outcome = outcome == Outcome.A ? Outcome.B : outcome == Outcome.B ? Outcome.A : outcome;
                }
                merged.computeIfAbsent(List.of(a, b, outcome), k -> new long[1])[0] += t.count();
            }
        }
        List<Row> rows = new ArrayList<>();
        merged.forEach(
                (key, n) -> rows.add(new Row((Integer) key.get(0), (Integer) key.get(1), (Outcome) key.get(2), n[0])));
        rows.sort((x, y) -> x.a() != y.a()
                ? Integer.compare(x.a(), y.a())
                : x.b() != y.b() ? Integer.compare(x.b(), y.b()) : x.outcome().compareTo(y.outcome()));
        return new PairCounts(models, List.copyOf(rows), bothBad);
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

    /** Battles per model, in the order of {@link #models()}. */
    public long[] battlesPerModel() {
        long[] played = new long[models.size()];
        for (Row r : rows) {
            played[r.a()] += r.count();
            played[r.b()] += r.count();
        }
        return played;
    }

    /** Battles per model voted "both are bad", in the order of {@link #models()}. */
    public long[] bothBadPerModel() {
        return bothBad.clone();
    }

    /** wins[i][j]: how often i beat j, ties and both_bad counting half to each side. */
    public double[][] halfWins() {
        long[] counts = new long[rows.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rows.get(i).count();
        }
        return halfWins(counts);
    }

    /** The same, with other counts for the rows (a bootstrap resample). */
    double[][] halfWins(long[] counts) {
        int n = models.size();
        double[][] wins = new double[n][n];
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            switch (r.outcome()) {
                case A -> wins[r.a()][r.b()] += counts[k];
                case B -> wins[r.b()][r.a()] += counts[k];
                default -> {
                    wins[r.a()][r.b()] += 0.5 * counts[k];
                    wins[r.b()][r.a()] += 0.5 * counts[k];
                }
            }
        }
        return wins;
    }
}
