package org.gpupoor.arena.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.junit.jupiter.api.Test;

/**
 * The board claims the method of the best public arena: plain maximum likelihood, no penalty.
 * Anyone reimplementing it from the published log must get the same numbers, so the board is
 * held against a logistic fit written here from scratch, battle by battle.
 */
class MaximumLikelihoodBoardTest {
    private static final double ELO_PER_LOGIT = 400 / Math.log(10);

    @Test
    void the_board_agrees_with_an_independent_unpenalised_logistic_fit_to_a_tenth_of_a_point() {
        // 16 small models spread like a real arena's (about 600 points top to bottom), 600 battles: about 75 each.
        double[] truth = new double[16];
        SplittableRandom random = new SplittableRandom(600);
        for (int i = 0; i < truth.length; i++) {
            truth[i] = 1000 + 40 * (i - 7.5) + 30 * (random.nextDouble() - 0.5);
        }
        List<CountedBattle> log = new ArrayList<>();
        for (int k = 0; k < 600; k++) {
            int i = random.nextInt(truth.length);
            int j = random.nextInt(truth.length - 1);
            j = j >= i ? j + 1 : j;
            double p = BradleyTerry.winProbability(truth[i], truth[j]);
            double u = random.nextDouble();
            Outcome o = u < 0.12
                    ? (u < 0.06 ? Outcome.TIE : Outcome.BOTH_BAD)
                    : u < 0.12 + 0.88 * p ? Outcome.A : Outcome.B;
            log.add(new CountedBattle(String.format("m%02d", i), String.format("m%02d", j), o));
        }
        List<String> models = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            models.add(String.format("m%02d", i));
        }
        double[] logistic = logisticFit(log, models);

        StrengthBoard.Result board = StrengthBoard.compute(
                PairCounts.of(log), BradleyTerry.Anchor.MEAN_1000, 10, 100, 0, Map.of(), Map.of(), tag -> tag);
        double worst = 0;
        for (StrengthBoard.Row row : board.rows()) {
            worst = Math.max(worst, Math.abs(row.rating() - logistic[models.indexOf(row.model())]));
        }
        System.out.printf(
                "Board against an unpenalised logistic fit, 600 battles over 16 models: max difference %.3f points%n",
                worst);
        for (StrengthBoard.Row row : board.rows()) {
            assertThat(row.rating()).as(row.model()).isCloseTo(logistic[models.indexOf(row.model())], within(0.1));
        }
    }

    @Test
    void a_model_that_never_lost_is_marked_regularised_and_rated_finitely_above_the_rest() {
        List<CountedBattle> log = new ArrayList<>(BradleyTerryTest.battles("champ", "x", Outcome.A, 20));
        log.addAll(BradleyTerryTest.battles("champ", "y", Outcome.A, 10));
        log.addAll(cycle("x", "y", "z", 10));
        StrengthBoard.Result board = board(log);
        assertThat(board.rows().get(0).model()).isEqualTo("champ");
        for (StrengthBoard.Row row : board.rows()) {
            assertThat(row.regularised()).as(row.model()).isEqualTo(row.model().equals("champ"));
            assertFinite(row);
        }
        assertThat(board.rows().get(0).rating() - board.rows().get(1).rating()).isBetween(200.0, 1500.0);
    }

    @Test
    void a_group_that_never_met_the_rest_gets_finite_ratings_and_is_marked() {
        List<CountedBattle> log = new ArrayList<>(cycle("a", "b", "c", 20));
        log.addAll(cycle("x", "y", "z", 5));
        log.addAll(BradleyTerryTest.battles("x", "y", Outcome.A, 5));
        StrengthBoard.Result board = board(log);
        for (StrengthBoard.Row row : board.rows()) {
            // The group with fewer battles is placed by virtual battles; the larger one keeps its own fit.
            assertThat(row.regularised())
                    .as(row.model())
                    .isEqualTo(List.of("x", "y", "z").contains(row.model()));
            assertFinite(row);
        }
        assertThat(rating(board, "x")).isGreaterThan(rating(board, "y"));
        assertThat(rating(board, "a")).isCloseTo(rating(board, "b"), within(0.11));
    }

    @Test
    void a_model_that_lost_once_is_not_regularised_and_keeps_a_finite_interval_when_resamples_drop_that_loss() {
        List<CountedBattle> log = new ArrayList<>(BradleyTerryTest.battles("champ", "x", Outcome.A, 30));
        log.add(new CountedBattle("champ", "x", Outcome.B));
        log.addAll(cycle("x", "y", "z", 10));
        StrengthBoard.Row champ = board(log).rows().get(0);
        assertThat(champ.model()).isEqualTo("champ");
        assertThat(champ.regularised()).isFalse();
        assertFinite(champ);
        assertThat(champ.rating() - rating(board(log), "x")).isCloseTo(400 * Math.log10(30), within(0.2));
    }

    private static List<CountedBattle> cycle(String a, String b, String c, int times) {
        List<CountedBattle> log = new ArrayList<>(BradleyTerryTest.battles(a, b, Outcome.A, times));
        log.addAll(BradleyTerryTest.battles(b, c, Outcome.A, times));
        log.addAll(BradleyTerryTest.battles(c, a, Outcome.A, times));
        return log;
    }

    private static StrengthBoard.Result board(List<CountedBattle> log) {
        return StrengthBoard.compute(
                PairCounts.of(log), BradleyTerry.Anchor.MEAN_1000, 10, 100, 0, Map.of(), Map.of(), tag -> tag);
    }

    private static double rating(StrengthBoard.Result board, String model) {
        return board.rows().stream()
                .filter(r -> r.model().equals(model))
                .findFirst()
                .orElseThrow()
                .rating();
    }

    private static void assertFinite(StrengthBoard.Row row) {
        assertThat(Double.isFinite(row.rating()) && Double.isFinite(row.ciLow()) && Double.isFinite(row.ciHigh()))
                .as(row.model())
                .isTrue();
        assertThat(row.ciLow()).as(row.model()).isLessThanOrEqualTo(row.rating());
        assertThat(row.ciHigh()).as(row.model()).isGreaterThanOrEqualTo(row.rating());
    }

    /**
     * Plain gradient ascent on the logistic log-likelihood, one term per battle: a tie or both-bad
     * is half a win for each side. Ratings on the Elo scale with their mean at 1000, as the board.
     */
    static double[] logisticFit(List<CountedBattle> log, List<String> models) {
        int n = models.size();
        double[] theta = new double[n];
        int[] played = new int[n];
        for (CountedBattle b : log) {
            played[models.indexOf(b.modelA())]++;
            played[models.indexOf(b.modelB())]++;
        }
        int most = 0;
        for (int p : played) {
            most = Math.max(most, p);
        }
        double step = 2.0 / most; // the curvature is at most most / 2 per logit: below 2 / curvature, ascent converges
        double largest = Double.MAX_VALUE;
        for (int iteration = 0; iteration < 200_000 && largest > 1e-10; iteration++) {
            double[] gradient = new double[n];
            for (CountedBattle b : log) {
                int a = models.indexOf(b.modelA());
                int c = models.indexOf(b.modelB());
                double scoreA = switch (b.outcome()) {
                    case A -> 1.0;
                    case B -> 0.0;
                    default -> 0.5;
                };
                double predicted = 1 / (1 + Math.exp(theta[c] - theta[a]));
                gradient[a] += scoreA - predicted;
                gradient[c] -= scoreA - predicted;
            }
            largest = 0;
            for (int i = 0; i < n; i++) {
                theta[i] += step * gradient[i];
                largest = Math.max(largest, Math.abs(gradient[i]));
            }
        }
        // Ascent only settles where the maximum exists: every model has won and lost, chains linking all.
        assertThat(largest).as("the logistic fit converged").isLessThan(1e-8);
        double mean = 0;
        for (double t : theta) {
            mean += t / n;
        }
        double[] ratings = new double[n];
        for (int i = 0; i < n; i++) {
            ratings[i] = 1000 + ELO_PER_LOGIT * (theta[i] - mean);
        }
        return ratings;
    }
}
