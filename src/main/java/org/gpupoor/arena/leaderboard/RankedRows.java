package org.gpupoor.arena.leaderboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.leaderboard.BoardRows.EloRow;
import org.gpupoor.arena.leaderboard.BoardRows.MainRow;
import org.gpupoor.arena.leaderboard.BoardRows.Standing;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.MainScore;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.rating.WinLossTable;

/**
 * The main and ELO rows of every listed model, hidden ones included, made from what the boards
 * have counted and named as the catalog names them, then ranked by {@link Ranks}.
 */
final class RankedRows {
    private final ModelCatalog catalog;

    RankedRows(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    List<MainRow> main(BoardState state, Set<String> hidden) {
        List<MainRow> rows = new ArrayList<>();
        for (String model : listedModels(state)) {
            WinLossTable.Tally t = state.table().total(model);
            rows.add(new MainRow(
                    null,
                    model,
                    nameOf(model),
                    state.sizes().get(model),
                    t.wins(),
                    t.losses(),
                    t.ties(),
                    t.battles(),
                    MainScore.winRate(t),
                    MainScore.score(t)));
        }
        return Ranks.main(rows, hidden);
    }

    List<EloRow> elo(BoardState state, Set<String> hidden) {
        SizeAdjustedElo elo = state.elo();
        List<EloRow> rows = new ArrayList<>();
        for (String model : listedModels(state)) {
            Double size = state.sizes().get(model);
            SizeAdjustedElo.Impact impact = elo.impact(model);
            rows.add(new EloRow(
                    null,
                    model,
                    nameOf(model),
                    size,
                    elo.rating(model).orElse(null),
                    size == null ? null : SizeAdjustedElo.initialRating(size),
                    impact.wins(),
                    impact.losses(),
                    state.table().total(model).battles()));
        }
        return Ranks.elo(rows, hidden);
    }

    /** Where both models of a just-counted battle stand, given their ratings before it (NaN if unrated). */
    Map<String, Standing> standings(
            BoardState state, CountedBattle battle, double beforeA, double beforeB, Set<String> hidden) {
        List<MainRow> mainRows = main(state, hidden);
        List<EloRow> eloRows = elo(state, hidden);
        return Map.of(
                "a",
                standing(battle.modelA(), beforeA, mainRows, eloRows),
                "b",
                standing(battle.modelB(), beforeB, mainRows, eloRows));
    }

    /** Where a voted model stands: its rows as ranked for the boards (no rank if it is hidden). */
    private static Standing standing(String model, double before, List<MainRow> mainRows, List<EloRow> eloRows) {
        MainRow main = mainRows.stream()
                .filter(r -> r.model().equals(model))
                .findFirst()
                .orElseThrow();
        EloRow eloRow = eloRows.stream()
                .filter(r -> r.model().equals(model))
                .findFirst()
                .orElseThrow();
        Double change = eloRow.rating() == null || Double.isNaN(before) ? null : eloRow.rating() - before;
        return new Standing(main, eloRow, change);
    }

    /** Every approved model, plus any model that has counted battles but left the config. */
    private TreeSet<String> listedModels(BoardState state) {
        TreeSet<String> models = new TreeSet<>(state.table().totals().keySet());
        for (CatalogEntry e : catalog.current().models()) {
            if (e.state() != CatalogEntry.State.TOO_LARGE) {
                models.add(e.tag());
            }
        }
        return models;
    }

    private String nameOf(String model) {
        return catalog.find(model).map(CatalogEntry::name).orElse(model);
    }
}
