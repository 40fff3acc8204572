package org.gpupoor.arena.funstats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.category.Categories;
import org.gpupoor.arena.leaderboard.HiddenModels;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.leaderboard.ModelSpeed;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.store.StatsLog;

/**
 * The original arena's "fun stats", from what the boards count: the same counted battles, the
 * same speeds, the last Bradley-Terry fit, and no hidden model named. Built on request; callers
 * cache the report per {@link #version}.
 */
public final class FunStats {
    private final Leaderboard leaderboard;
    private final StrengthBoard strengths;
    private final HiddenModels hidden;
    private final ModelCatalog catalog;
    private final Categories categories;
    private final StatsLog log;

    public FunStats(
            Leaderboard leaderboard,
            StrengthBoard strengths,
            HiddenModels hidden,
            ModelCatalog catalog,
            Categories categories,
            StatsLog log) {
        this.leaderboard = leaderboard;
        this.strengths = strengths;
        this.hidden = hidden;
        this.catalog = catalog;
        this.categories = categories;
        this.log = log;
    }

    /** Grows with counted votes, refits, classification, hidden models and the models' names. */
    public String version() {
        return leaderboard.version() + "." + strengths.version() + "." + categories.version() + "." + hidden.version()
                + "." + Integer.toHexString(catalog.current().models().hashCode());
    }

    /** Throws while the boards the stats are drawn from load (or failed to): no stat is better than a wrong one. */
    public void requireBoards() {
        leaderboard.requireLoaded();
        strengths.requireFitted();
    }

    public Stat.Report report() {
        StrengthBoard.Result fitted = strengths.current();
        Map<String, Double> ratings = new HashMap<>();
        fitted.rows().forEach(r -> ratings.put(r.model(), r.rating()));
        PairStats pairs =
                new PairStats(hidden.headToHead(leaderboard.headToHead()).cells(), this::named);
        Categories.Listing listing = categories.list();
        return new Stat.Report(
                listing.battles(),
                List.of(
                        fastest(fitted),
                        longestAnswers(fitted),
                        pairs.mostLopsided(),
                        pairs.biggestUpset(ratings),
                        pairs.closestRivalry(),
                        busiestHour(),
                        topCategory(listing)));
    }

    private Stat fastest(StrengthBoard.Result fitted) {
        String title = "⚡ Fastest model";
        return bySpeed(fitted, ModelSpeed::medianTokensPerSecond)
                .map(m -> Stat.of(
                        "fastest",
                        title,
                        List.of(named(m.getKey())),
                        m.getValue().medianTokensPerSecond(),
                        m.getValue().medianTokensPerSecond() + " tokens/s",
                        "median over its latest " + m.getValue().answers() + " answers"))
                .orElseGet(() -> Stat.missing("fastest", title, "no answer of a model on the boards was timed"));
    }

    private Stat longestAnswers(StrengthBoard.Result fitted) {
        String title = "📜 Longest answers";
        return bySpeed(fitted, ModelSpeed::medianAnswerTokens)
                .map(m -> Stat.of(
                        "longest_answers",
                        title,
                        List.of(named(m.getKey())),
                        m.getValue().medianAnswerTokens(),
                        PairStats.whole(m.getValue().medianAnswerTokens()) + " tokens",
                        "median answer length over its latest " + m.getValue().answers() + " answers"))
                .orElseGet(
                        () -> Stat.missing("longest_answers", title, "no answer of a model on the boards was counted"));
    }

    /** The shown model with counted battles that has the highest {@code figure} (ties: first by tag). */
    private Optional<Map.Entry<String, ModelSpeed>> bySpeed(
            StrengthBoard.Result fitted, Function<ModelSpeed, Double> figure) {
        Set<String> hiddenNow = hidden.now();
        return leaderboard.totals().entrySet().stream()
                .filter(e -> e.getValue().battles() > 0 && !hiddenNow.contains(e.getKey()))
                .map(e -> Map.entry(e.getKey(), fitted.speedOf(e.getKey())))
                .filter(e -> figure.apply(e.getValue()) != null)
                .min(Comparator.comparingDouble((Map.Entry<String, ModelSpeed> e) -> figure.apply(e.getValue()))
                        .reversed()
                        .thenComparing(Map.Entry::getKey));
    }

    private Stat busiestHour() {
        String title = "🕐 Busiest hour";
        Map<Integer, Long> perHour = log.votesPerHour(leaderboard.countsFlagged());
        long votes = perHour.values().stream().mapToLong(Long::longValue).sum();
        return perHour.entrySet().stream()
                .min(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(h -> Stat.of(
                        "busiest_hour",
                        title,
                        List.of(),
                        h.getKey(),
                        String.format("%02d:00–%02d:00 UTC", h.getKey(), (h.getKey() + 1) % 24),
                        h.getValue() + " of " + votes + " counted votes"))
                .orElseGet(() -> Stat.missing("busiest_hour", title, "no counted vote"));
    }

    /** Among topics only: nearly every prompt has a language, and "english" would win every time. */
    private Stat topCategory(Categories.Listing listing) {
        String title = "🏷️ Most common prompt topic";
        List<Categories.Entry> topics = new ArrayList<>(listing.categories().stream()
                .filter(e -> e.kind().equals("topic") && e.battles() > 0)
                .toList());
        // Stable: of topics counted equally, the one listed first.
        topics.sort(Comparator.comparingLong(Categories.Entry::battles).reversed());
        if (topics.isEmpty()) {
            return Stat.missing("top_category", title, "no counted prompt has a topic");
        }
        Categories.Entry top = topics.get(0);
        return Stat.of(
                "top_category",
                title,
                List.of(),
                top.battles(),
                top.name().replace('_', ' '),
                top.battles() + " of " + listing.battles() + " counted battles");
    }

    private Stat.Named named(String tag) {
        return new Stat.Named(tag, catalog.find(tag).map(CatalogEntry::name).orElse(tag));
    }
}
