package org.gpupoor.arena.category;

import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.gpupoor.arena.concurrent.Debounced;
import org.gpupoor.arena.store.CategoryLog;
import org.gpupoor.arena.store.CovariateLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies battles in the background (and counts the markdown of answers stored before it was counted): new ones a moment after they start (long before anyone
 * votes on them), and on start every battle logged before categories existed. Off the battle's
 * path on purpose: the language profiles take a moment to load, and a first token must not wait.
 */
public final class CategoryTagger {
    private static final Logger log = LoggerFactory.getLogger(CategoryTagger.class);
    private static final int BATCH = 500;

    private final CategoryLog categories;
    private final CovariateLog covariates;
    private final Supplier<PromptClassifier> classifierFactory;
    private final Debounced pass;
    private final Runnable classified;
    private final AtomicLong version = new AtomicLong();
    private PromptClassifier classifier;

    /** {@code classified} runs after each pass that classified a battle, on the tagger's thread. */
    public CategoryTagger(
            CategoryLog categories,
            CovariateLog covariates,
            Supplier<PromptClassifier> classifierFactory,
            ScheduledExecutorService thread,
            Runnable classified) {
        this.categories = categories;
        this.covariates = covariates;
        this.classifierFactory = classifierFactory;
        this.classified = classified;
        this.pass = new Debounced("prompt categories", thread, Duration.ofMillis(50), Duration.ZERO, this::classifyAll);
    }

    /** Asks for a pass soon: a battle started, or the arena did. */
    public void request() {
        pass.request();
    }

    /** Grows with every pass that classified a battle. */
    public long version() {
        return version.get();
    }

    private static SortedSet<String> withTurns(SortedSet<String> categories, CategoryLog.Unclassified battle) {
        if (!battle.multiTurn()) {
            return categories;
        }
        SortedSet<String> all = new TreeSet<>(categories);
        all.add(PromptClassifier.MULTI_TURN);
        return all;
    }

    /** Answers stored before their markdown was counted (new ones are counted as they are stored). */
    private void countMarkdown() {
        long counted = 0;
        List<CovariateLog.Uncounted> batch;
        while (!(batch = covariates.uncounted(BATCH)).isEmpty()) {
            covariates.storeStyles(batch);
            counted += batch.size();
        }
        if (counted > 0) {
            log.info("Counted the markdown of {} answers stored before it was counted", counted);
        }
    }

    /** Classifies every battle still waiting, a batch at a time; returns how many. */
    public long classifyAll() {
        if (classifier == null) {
            classifier = classifierFactory.get();
        }
        long done = 0;
        List<CategoryLog.Unclassified> batch;
        while (!(batch = categories.unclassified(BATCH)).isEmpty()) {
            categories.store(batch.stream()
                    .map(b -> new CategoryLog.Classified(b.id(), withTurns(classifier.classify(b.prompt()), b)))
                    .toList());
            done += batch.size();
        }
        if (done > BATCH) {
            log.info("Classified the prompts of {} battles", done);
        }
        countMarkdown();
        if (done > 0) {
            version.incrementAndGet();
            classified.run();
        }
        return done;
    }
}
