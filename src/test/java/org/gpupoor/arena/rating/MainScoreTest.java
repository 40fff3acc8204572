package org.gpupoor.arena.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MainScoreTest {
    @Test
    void score_is_the_win_rate_damped_by_the_number_of_battles() {
        WinLossTable table = new WinLossTable();
        for (int i = 0; i < 3; i++) {
            table.record(new CountedBattle("x", "y", Outcome.A));
        }
        table.record(new CountedBattle("y", "x", Outcome.A));
        // x: 3 wins of 4 -> 0.75 * (1 - 1/5) = 0.6; y: 1 of 4 -> 0.25 * 0.8 = 0.2
        assertThat(MainScore.winRate(table.total("x"))).isEqualTo(0.75);
        assertThat(MainScore.score(table.total("x"))).isCloseTo(0.6, within(1e-12));
        assertThat(MainScore.score(table.total("y"))).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void ties_and_both_bad_count_as_half_a_win_for_each_side() {
        WinLossTable table = new WinLossTable();
        table.record(new CountedBattle("x", "y", Outcome.TIE));
        table.record(new CountedBattle("x", "y", Outcome.BOTH_BAD));
        table.record(new CountedBattle("x", "y", Outcome.A));
        assertThat(table.total("x")).isEqualTo(new WinLossTable.Tally(1, 0, 2));
        assertThat(table.total("y")).isEqualTo(new WinLossTable.Tally(0, 1, 2));
        // x: (1 + 1)/3 * (1 - 1/4) = 0.5
        assertThat(MainScore.score(table.total("x"))).isCloseTo(0.5, within(1e-12));
        assertThat(table.opponentsOf("y").get("x")).isEqualTo(new WinLossTable.Tally(0, 1, 2));
    }

    @Test
    void a_model_without_battles_scores_zero() {
        assertThat(MainScore.score(WinLossTable.Tally.ZERO)).isZero();
    }
}
