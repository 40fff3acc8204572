package org.gpupoor.arena.leaderboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.gpupoor.arena.store.BattleLog;

/**
 * Models the operator has hidden from the boards. Their battles still count for their opponents
 * (hiding a model must not move anyone else's rating); only their own rows, series and cells are
 * left out. Kept in the log, so a restart keeps them hidden. The main and ELO boards rank around
 * them themselves ({@link Ranks}), so a vote's answer tells the same ranks as the boards.
 */
public final class HiddenModels {
    private final BattleLog log;
    private volatile Set<String> hidden;
    private volatile long version;

    public HiddenModels(BattleLog log) {
        this.log = log;
        this.hidden = Set.copyOf(log.operators().hiddenModels());
    }

    public boolean contains(String tag) {
        return hidden.contains(tag);
    }

    /** The models hidden at this instant, to rank and filter a board by one consistent set. */
    public Set<String> now() {
        return hidden;
    }

    /** Grows with every change: part of every board's version. */
    public long version() {
        return version;
    }

    /** Reads the hidden models again (another instance on a shared log may have changed them). */
    public synchronized void reload() {
        hidden = Set.copyOf(log.operators().hiddenModels());
        version++;
    }

    /** True when the model was shown until now. */
    public synchronized boolean hide(String tag, Instant at) {
        boolean changed = log.operators().hideModel(tag, at);
        hidden = Set.copyOf(log.operators().hiddenModels());
        version++;
        return changed;
    }

    /** True when the model was hidden until now. */
    public synchronized boolean show(String tag) {
        boolean changed = log.operators().showModel(tag);
        hidden = Set.copyOf(log.operators().hiddenModels());
        version++;
        return changed;
    }

    /** {@code rows} without hidden models, in the same order. */
    public <T> List<T> filter(List<T> rows, Function<T, String> model) {
        Set<String> now = hidden;
        return now.isEmpty()
                ? rows
                : rows.stream().filter(r -> !now.contains(model.apply(r))).toList();
    }

    /**
     * The Bradley-Terry rows without hidden models; each confident rank counts only the models
     * still shown. A row whose next one down is hidden loses its flip votes: they were counted
     * against the hidden model, not against the row now shown below it.
     */
    public List<StrengthBoard.Row> strengthRows(List<StrengthBoard.Row> rows) {
        // Every version of a hidden tag is hidden with it.
        List<StrengthBoard.Row> shown = filter(rows, r -> Entrants.tagOf(r.model()));
        if (shown.size() == rows.size()) {
            return rows;
        }
        List<StrengthBoard.Row> ranked = new ArrayList<>();
        for (StrengthBoard.Row r : shown) {
            int rank =
                    1 + (int) shown.stream().filter(o -> o.ciLow() > r.ciHigh()).count();
            int at = rows.indexOf(r);
            boolean nextShown = at + 1 < rows.size() && shown.contains(rows.get(at + 1));
            ranked.add(r.withRankUpperBound(rank).withFlipVotes(nextShown ? r.flipVotes() : null));
        }
        return ranked;
    }

    public StrengthBoard.Matrix matrix(StrengthBoard.Matrix m) {
        Set<String> now = hidden;
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < m.models().size(); i++) {
            if (!now.contains(Entrants.tagOf(m.models().get(i)))) {
                keep.add(i);
            }
        }
        if (keep.size() == m.models().size()) {
            return m;
        }
        int n = keep.size();
        long[][] battles = new long[n][n];
        Double[][] observed = new Double[n][n];
        double[][] predicted = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                battles[i][j] = m.battles()[keep.get(i)][keep.get(j)];
                observed[i][j] = m.observed()[keep.get(i)][keep.get(j)];
                predicted[i][j] = m.predicted()[keep.get(i)][keep.get(j)];
            }
        }
        return new StrengthBoard.Matrix(
                keep.stream().map(m.models()::get).toList(),
                keep.stream().map(m.names()::get).toList(),
                battles,
                observed,
                predicted);
    }

    public ChartData.EloHistory history(ChartData.EloHistory h) {
        Set<String> now = hidden;
        Map<String, List<double[]>> series = new HashMap<>(h.series());
        series.keySet().removeAll(now);
        return new ChartData.EloHistory(h.battles(), filter(h.models(), ChartData.Model::model), series);
    }

    public ChartData.HeadToHead headToHead(ChartData.HeadToHead h) {
        Set<String> now = hidden;
        return new ChartData.HeadToHead(
                filter(h.models(), ChartData.Model::model),
                h.cells().stream()
                        .filter(c -> !now.contains(c.row()) && !now.contains(c.col()))
                        .toList());
    }
}
