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
        assertThat(BradleyTerry.fit(PairCounts.of(log), 1000))
                .containsExactly(new double[] {1000, 1000, 1000}, within(1e-6));
    }

    @Test
    void three_wins_in_four_are_worth_400_log10_3_points_however_few_the_battles() {
        // No prior: 3 of 4 gives exactly the gap that 7,500 of 10,000 does.
        for (int scale : new int[] {1, 2500}) {
            List<CountedBattle> log = new ArrayList<>();
            log.addAll(battles("x", "y", Outcome.A, 3 * scale));
            log.addAll(battles("x", "y", Outcome.B, scale));
            double[] r = BradleyTerry.fit(PairCounts.of(log), 1000);
            assertThat(r[0] - r[1]).as("%d battles", 4 * scale).isCloseTo(400 * Math.log10(3), within(1e-6)); // 190.85
        }
        List<CountedBattle> log = new ArrayList<>();
        log.addAll(battles("x", "y", Outcome.A, 3));
        log.addAll(battles("x", "y", Outcome.B, 1));
        double[] r = BradleyTerry.fit(PairCounts.of(log), 1000);
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
        // Expected (half-)wins equal observed ones: nothing but the battles enters the fit.
        double[][] wins = counts.halfWins();
        for (int i = 0; i < 3; i++) {
            double observed = 0;
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                observed += wins[i][j];
                expected += (wins[i][j] + wins[j][i]) * BradleyTerry.winProbability(r[i], r[j]);
            }
            assertThat(expected).as("model " + i).isCloseTo(observed, within(1e-6));
        }
    }

    @Test
    void an_operator_prior_shrinks_gaps_only_when_asked() {
        // 3:1 with four virtual battles against the only other model is 5:3.
        List<CountedBattle> log = new ArrayList<>(battles("x", "y", Outcome.A, 3));
        log.addAll(battles("x", "y", Outcome.B, 1));
        double[] shrunk = BradleyTerry.fit(PairCounts.of(log), 1000, 4);
        assertThat(shrunk[0] - shrunk[1]).isCloseTo(400 * Math.log10(5.0 / 3), within(1e-6));
        double[] plain = BradleyTerry.fit(PairCounts.of(log), 1000, 0);
        assertThat(plain[0] - plain[1]).isCloseTo(400 * Math.log10(3), within(1e-6));
    }

    @Test
    void ties_count_as_half_a_win() {
        List<CountedBattle> tied = battles("x", "y", Outcome.TIE, 10);
        List<CountedBattle> split = new ArrayList<>(battles("x", "y", Outcome.A, 5));
        split.addAll(battles("x", "y", Outcome.B, 5));
        assertThat(BradleyTerry.fit(PairCounts.of(tied), 1000))
                .containsExactly(new double[] {1000, 1000}, within(1e-9));
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
        assertThat(NewtonFit.fit(PairCounts.of(log), 1000, null))
                .as("Newton settles")
                .isNotNull()
                .containsExactly(r, within(0.01));
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
            Outcome o = u < 0.1
                    ? Outcome.TIE
                    : u < 0.1 + 0.9 * BradleyTerry.winProbability(truth[i], truth[j]) ? Outcome.A : Outcome.B;
            // (Ties drawn apart from strength only compress the scale; both fits see the same data.)
            log.add(new CountedBattle("m" + i, "m" + j, o));
        }
        PairCounts counts = PairCounts.of(log);
        double[] mm = BradleyTerry.fit(counts, 1000);
        double[] newton = NewtonFit.fit(counts, 1000, null);
        assertThat(newton).as("Newton settles from a cold start").isNotNull();
        assertThat(mm).containsExactly(newton, within(0.01));
        // As the bootstrap uses it: a resample's refit, started from the full fit.
        List<CountedBattle> resample = new ArrayList<>();
        for (int k = 0; k < log.size(); k++) {
            resample.add(log.get(random.nextInt(log.size())));
        }
        PairCounts resampled = PairCounts.of(resample);
        double[] warm = NewtonFit.fit(resampled, 1000, BradleyTerry.unshifted(counts));
        assertThat(warm).as("Newton settles from the full fit").isNotNull();
        assertThat(warm).containsExactly(BradleyTerry.fit(resampled, 1000), within(0.01));
    }

    @Test
    void simulated_battles_from_known_strengths_are_recovered_with_honest_intervals() {
        int models = 20;
        double[] truth = new double[models];
        for (int i = 0; i < models; i++) {
            truth[i] = 1000 + 50 * (i - (models - 1) / 2.0);
        }
        // Coverage of one log is itself random (about 1 log in 14 has only 17 of 20 covered by
        // honest intervals), so five independent logs are judged together: 100 intervals.
        int covered = 0;
        for (long seed = 2026; seed < 2031; seed++) {
            PairCounts counts = PairCounts.of(simulate(truth, 50_000, new SplittableRandom(seed)));
            double[] fitted = BradleyTerry.fit(counts, 1000);
            for (int i = 1; i < models; i++) {
                assertThat(fitted[i])
                        .as("log %d: model %d above model %d", seed, i, i - 1)
                        .isGreaterThan(fitted[i - 1]);
            }
            Bootstrap.Intervals ci = Bootstrap.intervals(counts, 100, 42, 1000);
            int coveredHere = 0;
            for (int i = 0; i < models; i++) {
                if (ci.low()[i] <= truth[i] && truth[i] <= ci.high()[i]) {
                    coveredHere++;
                }
            }
            System.out.printf(
                    "Bradley-Terry simulation (log %d): 20 models, 50000 battles, %d of 20 true strengths inside their 95%% intervals%n",
                    seed, coveredHere);
            covered += coveredHere;
            assertThat(Bootstrap.intervals(counts, 100, 42, 1000).low())
                    .as("same log, same intervals")
                    .containsExactly(ci.low());
            int[] ranks = Bootstrap.rankUpperBounds(ci);
            assertThat(ranks[models - 1]).isEqualTo(1);
            assertThat(ranks[0]).isGreaterThan(10);
        }
        assertThat(covered)
                .as("true strengths inside their 95% intervals, of 100")
                .isGreaterThanOrEqualTo(90);
    }

    private static List<CountedBattle> simulate(double[] truth, int battles, SplittableRandom random) {
        List<CountedBattle> log = new ArrayList<>();
        int models = truth.length;
        for (int k = 0; k < battles; k++) {
            int i = random.nextInt(models);
            int j = random.nextInt(models - 1);
            j = j >= i ? j + 1 : j;
            // Ties are drawn so that a tie as half a win keeps i's expected score at the true P(i beats j).
            double p = BradleyTerry.winProbability(truth[i], truth[j]);
            double tie = Math.min(0.15, 2 * Math.min(p, 1 - p));
            double u = random.nextDouble();
            Outcome o = u < tie
                    ? (u < tie / 2 ? Outcome.TIE : Outcome.BOTH_BAD)
                    : u < tie + (p - tie / 2) ? Outcome.A : Outcome.B;
            log.add(new CountedBattle(String.format("m%02d", i), String.format("m%02d", j), o));
        }
        return log;
    }

    @Test
    void the_poisson_sampler_has_the_right_mean_and_spread_for_small_and_huge_counts() {
        SplittableRandom random = new SplittableRandom(11);
        for (double mean : new double[] {0.5, 3, 12, 400, 250_000}) {
            int draws = 40_000;
            double sum = 0;
            double sumSquares = 0;
            for (int k = 0; k < draws; k++) {
                double x = Poisson.sample(mean, random);
                sum += x;
                sumSquares += x * x;
            }
            double sampleMean = sum / draws;
            double variance = sumSquares / draws - sampleMean * sampleMean;
            // Five standard errors: a sampler off by a few percent fails, an honest one passes.
            assertThat(sampleMean).as("mean of Poisson(%s)", mean).isCloseTo(mean, within(5 * Math.sqrt(mean / draws)));
            assertThat(variance / mean)
                    .as("variance / mean of Poisson(%s)", mean)
                    .isCloseTo(1.0, within(0.05));
        }
        // The shape, not just the moments, on both sides of the switch between the two samplers.
        for (double mean : new double[] {9.5, 10, 12, 60}) {
            int draws = 100_000;
            int low = (int) Math.max(0, mean - 3 * Math.sqrt(mean));
            int high = (int) (mean + 3 * Math.sqrt(mean));
            long[] seen = new long[high - low + 3];
            for (int k = 0; k < draws; k++) {
                long x = Poisson.sample(mean, random);
                seen[x < low ? 0 : x > high ? seen.length - 1 : (int) (x - low) + 1]++;
            }
            double chiSquare = 0;
            double below = 0;
            for (int x = 0; x < low; x++) {
                below += Math.exp(x * Math.log(mean) - mean - logFactorialBySum(x));
            }
            double inside = 0;
            for (int x = low; x <= high; x++) {
                double p = Math.exp(x * Math.log(mean) - mean - logFactorialBySum(x));
                inside += p;
                chiSquare += Math.pow(seen[x - low + 1] - draws * p, 2) / (draws * p);
            }
            if (below > 0) {
                chiSquare += Math.pow(seen[0] - draws * below, 2) / (draws * below);
            } else {
                assertThat(seen[0]).as("no draws below 0").isZero();
            }
            double above = 1 - below - inside;
            chiSquare += Math.pow(seen[seen.length - 1] - draws * above, 2) / (draws * above);
            int freedom = seen.length - 1;
            // Mean + 5 standard deviations of a chi-square: a wrong shape lands far above it.
            assertThat(chiSquare)
                    .as("chi-square of Poisson(%s) over %d cells", mean, seen.length)
                    .isLessThan(freedom + 5 * Math.sqrt(2.0 * freedom));
        }
        assertThat(Poisson.logFactorial(300)).isCloseTo(logFactorialBySum(300), within(1e-9));
        assertThat(Poisson.logFactorial(255)).isCloseTo(logFactorialBySum(255), within(1e-9));
    }

    private static double logFactorialBySum(int k) {
        double sum = 0;
        for (int i = 2; i <= k; i++) {
            sum += Math.log(i);
        }
        return sum;
    }
}
