package org.gpupoor.arena.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BradleyTerryTest {
    static List<CountedBattle> battles(String a, String b, Outcome outcome, int times) {
        List<CountedBattle> list = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            list.add(new CountedBattle(a, b, outcome));
        }
        return list;
    }

    @Test
    void a_three_way_cycle_rates_everyone_at_the_anchor() {
        List<CountedBattle> log = new ArrayList<>();
        log.addAll(battles("x", "y", Outcome.A, 2));
        log.addAll(battles("y", "z", Outcome.A, 2));
        log.addAll(battles("z", "x", Outcome.A, 2));
        assertThat(BradleyTerry.fit(PairCounts.of(log), 1000)).containsExactly(new double[] {1000, 1000, 1000}, within(1e-6));
    }

    @Test
    void three_wins_in_four_are_worth_400_log10_3_points_once_the_prior_no_longer_matters() {
        List<CountedBattle> log = new ArrayList<>();
        log.addAll(battles("x", "y", Outcome.A, 7500));
        log.addAll(battles("x", "y", Outcome.B, 2500));
        double[] r = BradleyTerry.fit(PairCounts.of(log), 1000);
        assertThat(r[0] - r[1]).isCloseTo(400 * Math.log10(3), within(0.5)); // 190.85
        assertThat((r[0] + r[1]) / 2).isCloseTo(1000, within(1e-9));
    }

    @Test
    void the_fit_satisfies_its_likelihood_equations_on_a_three_model_example() {
        // x beat y 3:1, y beat z 3:1, x and z tied twice: by symmetry x - y = y - z and y sits at the anchor.
        List<CountedBattle> log = new ArrayList<>();
        log.addAll(battles("x", "y", Outcome.A, 3));
        log.addAll(battles("x", "y", Outcome.B, 1));
        log.addAll(battles("y", "z", Outcome.A, 3));
        log.addAll(battles("y", "z", Outcome.B, 1));
        log.addAll(battles("x", "z", Outcome.TIE, 1));
        log.addAll(battles("z", "x", Outcome.BOTH_BAD, 1));
        PairCounts counts = PairCounts.of(log);
        double[] r = BradleyTerry.fit(counts, 1000);
        assertThat(r[1]).isCloseTo(1000, within(1e-6));
        assertThat(r[0] - r[1]).isCloseTo(r[1] - r[2], within(1e-6));
        assertThat(r[0]).isGreaterThan(1000);
        // Expected (half-)wins equal observed ones, the virtual games against the reference (at 0) included.
        double[][] wins = counts.halfWins();
        double[] raw = BradleyTerry.unshifted(counts);
        for (int i = 0; i < 3; i++) {
            double observed = BradleyTerry.VIRTUAL_GAMES;
            double expected = 2 * BradleyTerry.VIRTUAL_GAMES * BradleyTerry.winProbability(raw[i], 0);
            for (int j = 0; j < 3; j++) {
                observed += wins[i][j];
                expected += (wins[i][j] + wins[j][i]) * BradleyTerry.winProbability(raw[i], raw[j]);
            }
            assertThat(expected).as("model " + i).isCloseTo(observed, within(1e-6));
        }
    }

    @Test
    void ties_count_as_half_a_win() {
        List<CountedBattle> tied = battles("x", "y", Outcome.TIE, 10);
        List<CountedBattle> split = new ArrayList<>(battles("x", "y", Outcome.A, 5));
        split.addAll(battles("x", "y", Outcome.B, 5));
        assertThat(BradleyTerry.fit(PairCounts.of(tied), 1000)).containsExactly(new double[] {1000, 1000}, within(1e-9));
        List<CountedBattle> mixed = new ArrayList<>(battles("x", "y", Outcome.A, 3));
        mixed.addAll(battles("x", "y", Outcome.BOTH_BAD, 2));
        List<CountedBattle> asWins = new ArrayList<>(battles("x", "y", Outcome.A, 4));
        asWins.addAll(battles("x", "y", Outcome.B, 1));
        assertThat(BradleyTerry.fit(PairCounts.of(mixed), 1000))
                .containsExactly(BradleyTerry.fit(PairCounts.of(asWins), 1000), within(1e-9));
    }

    @Test
    void a_model_that_never_lost_gets_a_finite_rating() {
        List<CountedBattle> log = new ArrayList<>(battles("champ", "y", Outcome.A, 50));
        log.addAll(battles("y", "z", Outcome.A, 5));
        log.addAll(battles("z", "y", Outcome.A, 5));
        double[] r = BradleyTerry.fit(PairCounts.of(log), 1000);
        for (double v : r) {
            assertThat(Double.isFinite(v)).isTrue();
        }
        assertThat(r[0] - r[1]).isBetween(300.0, 1500.0);
    }

    @Test
    void an_independent_newton_fit_of_the_same_likelihood_agrees_to_a_hundredth_of_a_point() {
        SplittableRandom random = new SplittableRandom(3);
        List<CountedBattle> log = new ArrayList<>();
        double[] truth = {1150, 1080, 1000, 990, 900, 850};
        for (int k = 0; k < 3000; k++) {
            int i = random.nextInt(truth.length);
            int j = random.nextInt(truth.length - 1);
            j = j >= i ? j + 1 : j;
            double u = random.nextDouble();
            Outcome o = u < 0.1 ? Outcome.TIE : u < 0.1 + 0.9 * BradleyTerry.winProbability(truth[i], truth[j]) ? Outcome.A : Outcome.B;
            // (Ties drawn apart from strength only compress the scale; both fits see the same data.)
            log.add(new CountedBattle("m" + i, "m" + j, o));
        }
        PairCounts counts = PairCounts.of(log);
        double[] mm = BradleyTerry.fit(counts, 1000);
        double[] newton = NewtonFit.fit(counts, 1000);
        assertThat(mm).containsExactly(newton, within(0.01));
    }

    @Test
    void simulated_battles_from_known_strengths_are_recovered_with_honest_intervals() {
        int models = 20;
        double[] truth = new double[models];
        for (int i = 0; i < models; i++) {
            truth[i] = 1000 + 50 * (i - (models - 1) / 2.0);
        }
        SplittableRandom random = new SplittableRandom(2026);
        List<CountedBattle> log = new ArrayList<>();
        for (int k = 0; k < 50_000; k++) {
            int i = random.nextInt(models);
            int j = random.nextInt(models - 1);
            j = j >= i ? j + 1 : j;
            // Ties are drawn so that a tie as half a win keeps i's expected score at the true P(i beats j).
            double p = BradleyTerry.winProbability(truth[i], truth[j]);
            double tie = Math.min(0.15, 2 * Math.min(p, 1 - p));
            double u = random.nextDouble();
            Outcome o = u < tie ? (u < tie / 2 ? Outcome.TIE : Outcome.BOTH_BAD)
                    : u < tie + (p - tie / 2) ? Outcome.A : Outcome.B;
            log.add(new CountedBattle(String.format("m%02d", i), String.format("m%02d", j), o));
        }
        PairCounts counts = PairCounts.of(log);
        double[] fitted = BradleyTerry.fit(counts, 1000);
        for (int i = 1; i < models; i++) {
            assertThat(fitted[i]).as("model %d above model %d", i, i - 1).isGreaterThan(fitted[i - 1]);
        }
        Bootstrap.Intervals ci = Bootstrap.intervals(counts, 100, 42, 1000);
        int covered = 0;
        for (int i = 0; i < models; i++) {
            if (ci.low()[i] <= truth[i] && truth[i] <= ci.high()[i]) {
                covered++;
            }
        }
        System.out.printf("Bradley-Terry simulation: 20 models, 50000 battles, %d of 20 true strengths inside their 95%% intervals%n",
                covered);
        assertThat(covered).as("true strengths inside their 95% intervals").isGreaterThanOrEqualTo(18);
        assertThat(Bootstrap.intervals(counts, 100, 42, 1000).low()).containsExactly(ci.low());
        int[] ranks = Bootstrap.rankUpperBounds(ci);
        assertThat(ranks[models - 1]).isEqualTo(1);
        assertThat(ranks[0]).isGreaterThan(10);
    }
}
