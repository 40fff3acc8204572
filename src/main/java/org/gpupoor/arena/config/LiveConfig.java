package org.gpupoor.arena.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The config in force. Edits to {@code arena_config.yaml} replace its reloadable parts while the
 * arena runs; whoever keeps state derived from the config (the model catalog, rate limits)
 * listens for changes, everyone else reads {@link #current()} when they need a value. A battle
 * already running keeps the deadlines and options it started with.
 */
public final class LiveConfig {
    /** What one reload did: the sections that changed, and those that wait for a restart. */
    public record Change(List<String> changed, List<String> restartNeeded) {}

    private final List<BiConsumer<ArenaConfig, ArenaConfig>> listeners = new CopyOnWriteArrayList<>();
    private volatile ArenaConfig current;

    public LiveConfig(ArenaConfig initial) {
        this.current = initial;
    }

    public ArenaConfig current() {
        return current;
    }

    /** {@code listener} gets the config before and after each reload that changed something. */
    public void onChange(BiConsumer<ArenaConfig, ArenaConfig> listener) {
        listeners.add(listener);
    }

    /**
     * Takes over the reloadable parts of {@code edited} and tells the listeners when anything
     * changed. Throws, changing nothing, when the result would not validate (an edit valid with
     * its own restart-only sections, such as a model list that relies on auto_discover, may not
     * be valid with the running ones).
     */
    public synchronized Change apply(ArenaConfig edited) {
        ArenaConfig before = current;
        ArenaConfig next = before.withReloadableFrom(edited);
        List<ConfigValidator.Problem> problems = ConfigValidator.validate(next);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream()
                    .map(p -> p.field() + ": " + p.message() + " (with the settings in force until a restart)")
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
        List<String> changed = changedSections(before, next);
        if (!changed.isEmpty()) {
            current = next;
            listeners.forEach(l -> l.accept(before, next));
        }
        return new Change(changed, before.restartNeededFor(edited));
    }

    private static List<String> changedSections(ArenaConfig a, ArenaConfig b) {
        List<String> changed = new ArrayList<>();
        compare(changed, "name", a.name(), b.name());
        compare(changed, "description", a.description(), b.description());
        compare(changed, "models", a.models(), b.models());
        compare(changed, "max_model_size_b", a.maxModelSizeB(), b.maxModelSizeB());
        compare(changed, "example_prompts", a.examplePrompts(), b.examplePrompts());
        compare(changed, "max_prompt_chars", a.maxPromptChars(), b.maxPromptChars());
        compare(changed, "max_turns", a.maxTurns(), b.maxTurns());
        compare(changed, "generation", a.generation(), b.generation());
        compare(changed, "deadlines", a.deadlines(), b.deadlines());
        compare(changed, "rate_limits", a.rateLimits(), b.rateLimits());
        compare(changed, "voters", a.voters(), b.voters());
        compare(changed, "matchmaking", a.matchmaking(), b.matchmaking());
        compare(changed, "sharing", a.sharing(), b.sharing());
        return changed;
    }

    private static void compare(List<String> changed, String section, Object before, Object after) {
        if (!before.equals(after)) {
            changed.add(section);
        }
    }
}
