package org.gpupoor.arena.funstats;

import java.util.List;

/**
 * One fun stat: a short title, the models it is about (tag and display name), its number, that
 * number in words, and a line more. When the log cannot answer it yet, {@code missing} says why
 * and the number, figure and detail are null.
 */
public record Stat(
        String key, String title, List<Named> models, Double value, String figure, String detail, String missing) {

    /** A model as the page names it. */
    public record Named(String model, String name) {}

    /** Every stat, counted battles in all. */
    public record Report(long battles, List<Stat> stats) {}

    static final String NOT_ENOUGH = "Not enough battles yet";

    static Stat of(String key, String title, List<Named> models, double value, String figure, String detail) {
        return new Stat(key, title, models, value, figure, detail, null);
    }

    static Stat missing(String key, String title, String why) {
        return new Stat(key, title, List.of(), null, null, null, NOT_ENOUGH + ": " + why);
    }
}
