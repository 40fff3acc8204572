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
            double[] fitted = BradleyTerry.fit(counts, 1000);
            List<String> board = IntStream.range(0, fitted.length)
                    .boxed()
                    .sorted(Comparator.comparingDouble(i -> -fitted[i]))
                    .map(counts.models()::get)
                    .toList();

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
        double[] r = BradleyTerry.fit(rest, 1000);
        return r[rest.models().indexOf(lower)] >= r[rest.models().indexOf(upper)] - Fragility.LEVEL;
    }

    private static PairCounts.Tally tally(PairCounts counts, PairCounts.Row row, long count) {
        return new PairCounts.Tally(
                counts.models().get(row.a()), counts.models().get(row.b()), row.outcome(), count);
    }
}
