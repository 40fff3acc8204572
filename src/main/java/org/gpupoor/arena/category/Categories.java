package org.gpupoor.arena.category;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.gpupoor.arena.config.CategoryRules;
import org.gpupoor.arena.store.CategoryLog;

/**
 * The categories a board can be filtered by: the built-in ones, the operator's, and every
 * language prompts were written in, each with how many counted battles fall in it.
 */
public final class Categories {
    /** One category: {@code kind} is "topic" or "language". */
    public record Entry(String name, String kind, String description, long battles) {}

    /** Every category; {@code unclassified}: counted battles the classifier has not reached yet (just after an upgrade). */
    public record Listing(long battles, long unclassified, List<Entry> categories) {}

    private final CategoryLog log;
    private final Map<String, String> topics;
    private final boolean countFlagged;
    private final LongSupplier version;
    private volatile Cached cached = new Cached(-1, null);

    private record Cached(long version, Listing listing) {}

    /** {@code version} grows whenever votes are counted or battles classified: the listing is recounted only then. */
    public Categories(CategoryLog log, CategoryRules rules, boolean countFlagged, LongSupplier version) {
        this.log = log;
        this.countFlagged = countFlagged;
        this.version = version;
        Map<String, String> all = new LinkedHashMap<>(PromptClassifier.BUILT_IN);
        for (CategoryRules.KeywordRule rule : rules.rules()) {
            all.merge(
                    rule.category(),
                    "keywords set by the operator: " + String.join(", ", rule.keywords()),
                    (builtIn, extra) -> builtIn + "; " + extra);
        }
        this.topics = all;
    }

    /** Grows whenever a board of a category may have changed. */
    public long version() {
        return version.getAsLong();
    }

    public Listing list() {
        long now = version.getAsLong();
        Cached last = cached;
        if (last.version() == now) {
            return last.listing();
        }
        Listing fresh = count();
        cached = new Cached(now, fresh);
        return fresh;
    }

    private Listing count() {
        CategoryLog.Counts counts = log.counts(countFlagged);
        List<Entry> entries = new ArrayList<>();
        topics.forEach((name, description) -> entries.add(
                new Entry(name, "topic", description, counts.perCategory().getOrDefault(name, 0L))));
        counts.perCategory().entrySet().stream()
                .filter(e -> !topics.containsKey(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> entries.add(new Entry(
                        e.getKey(), "language", "prompts written in " + capitalised(e.getKey()), e.getValue())));
        return new Listing(counts.battles(), counts.unclassified(), List.copyOf(entries));
    }

    /** Whether a board can be asked for this category: a topic, a language the classifier knows, or one in the log. */
    public boolean known(String name) {
        return names().contains(name);
    }

    /** Every name {@link #known} accepts, for an error message. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(topics.keySet());
        names.addAll(PromptLanguage.NAMES);
        list().categories().forEach(e -> names.add(e.name()));
        return names;
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
