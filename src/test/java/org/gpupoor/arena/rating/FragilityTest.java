package org.gpupoor.arena.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FragilityTest {
    @Test
    void two_votes_hold_a_three_to_one_lead_when_everything_else_is_level() {
        // x beat y 3:1; both went 1:1 against z. Taking one of x's wins over y leaves 2:1, still
        // x's; taking two leaves every pair at 1:1, a level board (all at the mean) where y is
        // level with x, which counts as a swap. No single vote does it: the loop below tries each.
        List<CountedBattle> log = new ArrayList<>();
        log.addAll(BradleyTerryTest.battles("x", "y", Outcome.A, 3));
        log.addAll(BradleyTerryTest.battles("x", "y", Outcome.B, 1));
        log.addAll(BradleyTerryTest.battles("x", "z", Outcome.A, 1));
        log.addAll(BradleyTerryTest.battles("x", "z", Outcome.B, 1));
        log.addAll(BradleyTerryTest.battles("y", "z", Outcome.A, 1));
        log.addAll(BradleyTerryTest.battles("y", "z", Outcome.B, 1));
        PairCounts counts = PairCounts.of(log);

        List<Fragility.Margin> margins = Fragility.ofBoard(counts, List.of("x", "y", "z"));

        Fragility.Margin top = margins.get(0);
        assertThat(top.votes()).isEqualTo(2);
        assertThat(top.removed()).containsExactly(new PairCounts.Tally("x", "y", Outcome.A, 2));
        assertThat(swaps(counts, top.removed(), "x", "y")).isTrue();
        for (PairCounts.Row row : counts.rows()) {
            List<PairCounts.Tally> one = List.of(tally(counts, row, 1));
            assertThat(swaps(counts, one, "x", "y")).as("removing only %s", one).isFalse();
        }
        assertThat(margins.get(2)).isEqualTo(new Fragility.Margin("z", null, null, List.of()));
    }

    @Test
    void removing_the_reported_votes_swaps_each_pair_and_one_vote_fewer_does_not() {
        double[] truth = {1100, 1060, 1040, 1000, 990, 940};
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<CountedBattle> log = new ArrayList<>();
            for (int t = 0; t < 600; t++) {
                int i = random.nextInt(truth.length);
                int j = random.nextInt(truth.length - 1);
                j = j >= i ? j + 1 : j;
                double u = random.nextDouble();
                double p = BradleyTerry.winProbability(truth[i], truth[j]);
                Outcome o = u < 0.1 ? Outcome.TIE : u < 0.1 + 0.9 * p ? Outcome.A : Outcome.B;
                log.add(new CountedBattle("m" + i, "m" + j, o));
            }
            PairCounts counts = PairCounts.of(log);
            List<String> board = byRating(counts);

            for (Fragility.Margin m : Fragility.ofBoard(counts, board).subList(0, board.size() - 1)) {
                assertThat(m.votes())
                        .as("seed %d: %s over %s", seed, m.model(), m.next())
                        .isNotNull()
                        .isPositive();
                assertThat(m.removed().stream()
                                .mapToLong(PairCounts.Tally::count)
                                .sum())
                        .isEqualTo(m.votes().longValue());
                assertThat(swaps(counts, m.removed(), m.model(), m.next()))
                        .as("seed %d: removing %s swaps %s and %s", seed, m.removed(), m.model(), m.next())
                        .isTrue();
                for (int c = 0; c < m.removed().size(); c++) {
                    List<PairCounts.Tally> fewer = new ArrayList<>(m.removed());
                    PairCounts.Tally cell = fewer.get(c);
                    fewer.set(c, new PairCounts.Tally(cell.modelA(), cell.modelB(), cell.outcome(), cell.count() - 1));
                    assertThat(swaps(counts, fewer, m.model(), m.next()))
                            .as(
                                    "seed %d: one vote fewer than %s swaps %s and %s",
                                    seed, m.removed(), m.model(), m.next())
                            .isFalse();
                }
            }
        }
    }

    @Test
    void on_small_logs_the_greedy_count_is_almost_always_the_true_minimum() {
        // Greedy can miss a cleverer mix of cells; on 60 logs of 24 battles over 4 models an
        // exhaustive search over every smaller removal found one in 97 pairs (needing 2 or more).
        int minimal = 0;
        int pairs = 0;
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] truth = {1100, 1050, 1000, 950};
            List<CountedBattle> log = new ArrayList<>();
            for (int t = 0; t < 24; t++) {
                int i = random.nextInt(4);
                int j = random.nextInt(3);
                j = j >= i ? j + 1 : j;
                double u = random.nextDouble();
                double p = BradleyTerry.winProbability(truth[i], truth[j]);
                log.add(new CountedBattle(
                        "m" + i, "m" + j, u < 0.1 ? Outcome.TIE : u < 0.1 + 0.9 * p ? Outcome.A : Outcome.B));
            }
            PairCounts counts = PairCounts.of(log);
            for (Fragility.Margin m : Fragility.ofBoard(counts, byRating(counts))) {
                if (m.votes() != null && m.votes() > 1) {
                    pairs++;
                    long[] none = new long[counts.rows().size()];
                    minimal += anySwap(counts, none, 0, m.votes() - 1, m.model(), m.next()) ? 0 : 1;
                }
            }
        }
        assertThat(minimal)
                .as("pairs where no smaller removal swaps, of %d", pairs)
                .isGreaterThanOrEqualTo(pairs * 9 / 10);
    }

    /** Does removing at most {@code budget} more votes, from cells {@code from} on, swap the pair? */
    private static boolean anySwap(
            PairCounts counts, long[] removed, int from, int budget, String upper, String lower) {
        List<PairCounts.Tally> gone = new ArrayList<>();
        for (int k = 0; k < removed.length; k++) {
            gone.add(tally(counts, counts.rows().get(k), removed[k]));
        }
        if (swaps(counts, gone, upper, lower)) {
            return true;
        }
        for (int k = from; budget > 0 && k < removed.length; k++) {
            if (removed[k] < counts.rows().get(k).count()) {
                removed[k]++;
                boolean found = anySwap(counts, removed, k, budget - 1, upper, lower);
                removed[k]--;
                if (found) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> byRating(PairCounts counts) {
        double[] fitted = BradleyTerry.fit(counts, 1000);
        return IntStream.range(0, fitted.length)
                .boxed()
                .sorted(Comparator.comparingDouble(i -> -fitted[i]))
                .map(counts.models()::get)
                .toList();
    }

    /** Rebuilds the counts without {@code removed} and refits: is {@code lower} now level or above? */
    static boolean swaps(PairCounts counts, List<PairCounts.Tally> removed, String upper, String lower) {
        List<PairCounts.Tally> left = new ArrayList<>();
        for (PairCounts.Row row : counts.rows()) {
            long count = row.count();
            for (PairCounts.Tally r : removed) {
                if (tally(counts, row, 0).equals(new PairCounts.Tally(r.modelA(), r.modelB(), r.outcome(), 0))) {
                    count -= r.count();
                }
            }
            left.add(tally(counts, row, count));
        }
        PairCounts rest = PairCounts.fromTallies(left);
        if (!rest.models().contains(upper) || !rest.models().contains(lower)) {
            return false;
        }
        double[] r = BradleyTerry.fit(rest, 1000);
        return r[rest.models().indexOf(lower)] >= r[rest.models().indexOf(upper)] - Fragility.LEVEL;
    }

    private static PairCounts.Tally tally(PairCounts counts, PairCounts.Row row, long count) {
        return new PairCounts.Tally(
                counts.models().get(row.a()), counts.models().get(row.b()), row.outcome(), count);
    }
}
