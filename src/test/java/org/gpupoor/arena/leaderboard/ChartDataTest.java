package org.gpupoor.arena.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.rating.WinLossTable;
import org.junit.jupiter.api.Test;

class ChartDataTest {
    final List<ChartData.Model> models =
            List.of(new ChartData.Model("x", "X"), new ChartData.Model("y", "Y"), new ChartData.Model("z", "Z"));

    @Test
    void elo_history_starts_at_the_initial_rating_and_follows_every_battle_to_the_end() {
        List<CountedBattle> battles =
                List.of(new CountedBattle("x", "y", Outcome.A), new CountedBattle("y", "z", Outcome.TIE));
        ChartData.EloHistory history =
                ChartData.eloHistory(battles, new SizeAdjustedElo(Map.of("x", 1.0, "y", 1.0, "z", 1.0), 1.0), models);

        assertThat(history.battles()).isEqualTo(2);
        List<double[]> x = history.series().get("x");
        assertThat(x.get(0)).containsExactly(0, 1100);
        assertThat(x.get(1)[0]).isEqualTo(1);
        assertThat(x.get(1)[1]).isCloseTo(1116, within(0.05)); // even match: K = 32, E = 0.5
        assertThat(x.get(2)).containsExactly(2, x.get(1)[1]);
        assertThat(history.series().get("z")).hasSize(2);
        assertThat(history.series().get("z").get(1)[0]).isEqualTo(2);
    }

    @Test
    void long_histories_are_thinned_but_keep_their_last_point() {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            points.add(new double[] {i, 1000 + i});
        }
        List<double[]> thinned = ChartData.thin(points);
        assertThat(thinned.size()).isLessThanOrEqualTo(ChartData.MAX_POINTS + 1);
        assertThat(thinned.get(thinned.size() - 1)).containsExactly(10_000, 11_000);
    }

    @Test
    void head_to_head_gives_each_pair_from_both_sides() {
        WinLossTable table = new WinLossTable();
        table.record(new CountedBattle("x", "y", Outcome.A));
        table.record(new CountedBattle("y", "x", Outcome.BOTH_BAD));
        ChartData.HeadToHead h2h = ChartData.headToHead(table, models);
        assertThat(h2h.cells())
                .containsExactlyInAnyOrder(
                        new ChartData.Cell("x", "y", 1, 0, 1, 2, 0.75), new ChartData.Cell("y", "x", 0, 1, 1, 2, 0.25));
    }
}
