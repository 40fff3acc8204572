package org.gpupoor.arena.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import org.gpupoor.arena.config.Ratings;
import org.gpupoor.arena.rating.BradleyTerry;
import org.gpupoor.arena.rating.ControlledFit;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.CovariateBattle;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.store.CovariateLog;
import org.gpupoor.arena.store.CovariateLog.SideFigures;
import org.gpupoor.arena.store.CovariateLog.VotedSides;

/**
 * The Bradley-Terry board with what the voter saw besides the answers' worth held equal: their
 * length and markdown (style control, as the best public arena fits it) or their speed (speed
 * control). Each feature's fitted price says how much the voters here pay for it.
 */
public final class ControlledBoard {
    /** What is held equal. */
    public enum Control {
        STYLE("style"),
        SPEED("speed");

        private final String wire;

        Control(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<Control> fromWire(String value) {
            for (Control c : values()) {
                if (c.wire.equals(value)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** One feature's price in rating points per {@code unit}, with its 95% interval. */
    public record Coefficient(String name, String unit, double value, double ciLow, double ciHigh) {}

    /** The controlled rows (the Bradley-Terry board's shape) and the features' prices. */
    public record Result(
            long battles, BradleyTerry.Anchor anchor, List<StrengthBoard.Row> rows, List<Coefficient> coefficients) {}

    private record Feature(String name, String unit, ToDoubleBiFunction<SideFigures, SideFigures> value) {}

    private static final String SHARE = "difference (a-b)/(a+b) of 1: one answer has all of it";
    private static final String DOUBLING = "doubling";
    private static final List<Feature> STYLE = List.of(
            new Feature("length", SHARE, (a, b) -> share(a.tokens(), b.tokens())),
            new Feature(
                    "headers",
                    SHARE,
                    (a, b) -> share(a.style().headers(), b.style().headers())),
            new Feature(
                    "list_items",
                    SHARE,
                    (a, b) -> share(a.style().listItems(), b.style().listItems())),
            new Feature(
                    "bold", SHARE, (a, b) -> share(a.style().bold(), b.style().bold())));
    private static final List<Feature> SPEED = List.of(
            new Feature("tokens_per_second", DOUBLING, (a, b) -> ratio(a.tokensPerSecond(), b.tokensPerSecond())),
            new Feature("first_token_seconds", DOUBLING, (a, b) -> ratio(a.firstTokenMs(), b.firstTokenMs())));

    private final CovariateLog log;
    private final StrengthBoard strengths;
    private final ModelSizes sizes;
    private final Ratings settings;
    private final Function<String, String> names;
    private final boolean includeFlagged;

    public ControlledBoard(
            CovariateLog log,
            StrengthBoard strengths,
            ModelSizes sizes,
            Ratings settings,
            Function<String, String> names,
            boolean includeFlagged) {
        this.log = log;
        this.strengths = strengths;
        this.sizes = sizes;
        this.settings = settings;
        this.names = names;
        this.includeFlagged = includeFlagged;
    }

    /** The board with {@code control} held equal, from one category's battles (all when null). */
    public Result fit(Control control, String category) {
        List<VotedSides> voted = log.voted(category, includeFlagged);
        Set<String> models = new TreeSet<>();
        voted.forEach(v -> {
            models.add(v.modelA());
            models.add(v.modelB());
        });
        return compute(
                control,
                voted,
                new BradleyTerry.Anchor(settings.anchorModel(), settings.anchorRating()),
                settings.minBattles(),
                sizes.of(models),
                strengths.current().speeds(),
                names);
    }

    /**
     * The controlled board from these battles alone; also what the offline recompute prints. The
     * anchor works as on the plain board: a model once it has {@code minBattles}, else the mean.
     */
    public static Result compute(
            Control control,
            List<VotedSides> voted,
            BradleyTerry.Anchor anchor,
            int minBattles,
            Map<String, Double> sizes,
            Map<String, ModelSpeed> speeds,
            Function<String, String> names) {
        List<Feature> features = control == Control.STYLE ? STYLE : SPEED;
        if (voted.isEmpty()) {
            return new Result(0, BradleyTerry.Anchor.mean(anchor.rating()), List.of(), List.of());
        }
        List<CovariateBattle> battles = new ArrayList<>(voted.size());
        List<CountedBattle> plain = new ArrayList<>(voted.size());
        for (VotedSides v : voted) {
            double[] x = new double[features.size()];
            for (int k = 0; k < x.length; k++) {
                x[k] = features.get(k).value().applyAsDouble(v.a(), v.b());
            }
            battles.add(new CovariateBattle(v.modelA(), v.modelB(), v.outcome(), x));
            plain.add(new CountedBattle(v.modelA(), v.modelB(), v.outcome()));
        }
        ControlledFit.Result fitted =
                ControlledFit.fit(battles, features.stream().map(Feature::name).toList(), anchor.rating());
        List<Coefficient> prices = new ArrayList<>();
        for (int k = 0; k < features.size(); k++) {
            ControlledFit.Estimate e = fitted.coefficients().get(k);
            Feature f = features.get(k);
            prices.add(new Coefficient(
                    f.name(),
                    f.unit(),
                    StrengthBoard.round(e.value()),
                    StrengthBoard.round(e.low()),
                    StrengthBoard.round(e.high())));
        }
        PairCounts counts = PairCounts.of(plain);
        int pinned = anchor.model() == null ? -1 : counts.models().indexOf(anchor.model());
        BradleyTerry.Anchor held = pinned >= 0 && counts.battlesPerModel()[pinned] >= Math.max(1, minBattles)
                ? anchor
                : BradleyTerry.Anchor.mean(anchor.rating());
        List<StrengthBoard.Row> rows = rows(fitted, counts, held, minBattles, sizes, speeds, names);
        return new Result(voted.size(), held, rows, List.copyOf(prices));
    }

    private static List<StrengthBoard.Row> rows(
            ControlledFit.Result fitted,
            PairCounts counts,
            BradleyTerry.Anchor anchor,
            int minBattles,
            Map<String, Double> sizes,
            Map<String, ModelSpeed> speeds,
            Function<String, String> names) {
        List<String> models = fitted.models();
        long[] played = counts.battlesPerModel();
        long[] bothBad = counts.bothBadPerModel();
        boolean[] regularised = BradleyTerry.regularised(counts);
        double shift = anchor.model() == null
                ? 0
                : anchor.rating() - fitted.rating(anchor.model()).value();
        double[] ratings = fitted.ratings().stream()
                .mapToDouble(ControlledFit.Estimate::value)
                .toArray();
        List<StrengthBoard.Row> rows = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            String model = models.get(i);
            int c = counts.models().indexOf(model);
            ControlledFit.Estimate e = fitted.ratings().get(i);
            double fieldScore = StrengthBoard.fieldScore(ratings, i);
            Double size = sizes.get(model);
            int rank = 1;
            for (ControlledFit.Estimate other : fitted.ratings()) {
                rank += other.low() > e.high() ? 1 : 0;
            }
            rows.add(new StrengthBoard.Row(
                    model,
                    names.apply(model),
                    size,
                    StrengthBoard.round(e.value() + shift),
                    StrengthBoard.round(e.low() + shift),
                    StrengthBoard.round(e.high() + shift),
                    rank,
                    played[c],
                    played[c] < minBattles,
                    regularised[c],
                    StrengthBoard.round3(fieldScore),
                    size == null ? null : StrengthBoard.round3(fieldScore / size),
                    speeds.getOrDefault(model, ModelSpeed.NONE),
                    played[c] == 0 ? 0 : StrengthBoard.round3((double) bothBad[c] / played[c]),
                    null,
                    false,
                    null));
        }
        rows.sort(Comparator.comparingDouble(StrengthBoard.Row::rating)
                .reversed()
                .thenComparing(StrengthBoard.Row::name));
        return List.copyOf(rows);
    }

    /** Held equal only where both sides have it (an old answer without a count is no evidence). */
    private static double share(Number a, Number b) {
        return a == null || b == null ? 0 : ControlledFit.normalisedDifference(a.doubleValue(), b.doubleValue());
    }

    private static double ratio(Number a, Number b) {
        return a == null || b == null ? 0 : ControlledFit.logRatio(a.doubleValue(), b.doubleValue());
    }
}
