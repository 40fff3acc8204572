package org.gpupoor.arena.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SizeAdjustedEloTest {
    // Sizes 1B, 3B and 9B: initial ratings 1100, 1300 and 1900; the largest approved model is 9B.
    final SizeAdjustedElo elo = new SizeAdjustedElo(Map.of("small", 1.0, "mid", 3.0, "big", 9.0), 9.0);

    @Test
    void a_model_starts_at_1000_plus_100_per_billion_parameters() {
        assertThat(elo.rating("small")).contains(1100.0);
        assertThat(elo.rating("big")).contains(1900.0);
        assertThat(elo.rating("unknown")).isEmpty();
    }

    @Test
    void an_upset_win_of_a_small_model_moves_ratings_with_a_larger_k() {
        elo.apply(new CountedBattle("small", "mid", Outcome.A));
        // E_small = 1/(1+10^(200/400)) = 0.240253; K = 32*(1+(3-1)/9) = 39.111; change = K*(1-E) = 29.7146
        assertThat(elo.rating("small").orElseThrow()).isCloseTo(1129.7146, within(1e-3));
        assertThat(elo.rating("mid").orElseThrow()).isCloseTo(1270.2854, within(1e-3));
        assertThat(elo.impact("small").wins()).isCloseTo(1 + 2.0 / 9, within(1e-9));
        assertThat(elo.impact("mid").losses()).isCloseTo(1 + 2.0 / 9, within(1e-9));
    }

    @Test
    void an_expected_win_of_a_large_model_moves_ratings_little() {
        elo.apply(new CountedBattle("small", "mid", Outcome.B));
        // E_mid = 0.759747; K = 32*(1+(1-3)/9) = 24.889; change = K*(1-E) = 5.9797
        assertThat(elo.rating("mid").orElseThrow()).isCloseTo(1305.9797, within(1e-3));
        assertThat(elo.rating("small").orElseThrow()).isCloseTo(1094.0203, within(1e-3));
        assertThat(elo.impact("mid").wins()).isEqualTo(1.0);
        assertThat(elo.impact("small").losses()).isEqualTo(1.0);
    }

    @Test
    void k_is_capped_at_64() {
        SizeAdjustedElo wide = new SizeAdjustedElo(Map.of("tiny", 0.5, "huge", 9.0), 4.0);
        wide.apply(new CountedBattle("tiny", "huge", Outcome.A));
        // K would be 32*(1+8.5/4) = 100; capped at 64. E_tiny = 1/(1+10^(850/400)) = 0.007445
        assertThat(wide.rating("tiny").orElseThrow()).isCloseTo(1050 + 64 * (1 - 0.0074431), within(1e-3));
    }

    @Test
    void ties_and_both_bad_pull_both_ratings_together_with_k_32() {
        elo.apply(new CountedBattle("small", "mid", Outcome.TIE));
        // 32*(0.5-0.240253) = 8.3119
        assertThat(elo.rating("small").orElseThrow()).isCloseTo(1108.3119, within(1e-3));
        assertThat(elo.rating("mid").orElseThrow()).isCloseTo(1291.6881, within(1e-3));
        elo.apply(new CountedBattle("mid", "small", Outcome.BOTH_BAD));
        assertThat(elo.rating("small").orElseThrow() + elo.rating("mid").orElseThrow())
                .isCloseTo(2400, within(1e-9));
        assertThat(elo.rating("small").orElseThrow()).isGreaterThan(1108.3119);
    }

    @Test
    void a_battle_with_a_model_of_unknown_size_changes_nothing() {
        assertThat(elo.apply(new CountedBattle("small", "mystery", Outcome.A))).isFalse();
        assertThat(elo.rating("small")).contains(1100.0);
    }
}
