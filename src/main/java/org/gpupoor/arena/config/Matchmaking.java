package org.gpupoor.arena.config;

import java.util.Locale;

/**
 * The {@code matchmaking} section: how the two models of a battle are chosen.
 *
 * @param strategy {@code warm} (fair pairs that are loaded or cheap to load first, and the next
 *                 pair preloaded while the voter reads) or {@code fair} (the original arena's rules)
 * @param weights  what the warm strategy weighs
 */
public record Matchmaking(String strategy, Weights weights) {
    /**
     * @param load   per typical load (the median model's load seconds) the voter would wait for
     * @param repeat per battle the pair has had beyond the least-played fair pair
     * @param ahead  per battle the pair's models are ahead of the fewest, on average
     * @param info   for a pair whose vote teaches the board most (close ratings, wide intervals)
     */
    public record Weights(Double load, Double repeat, Double ahead, Double info) {
        public Weights {
            load = load == null ? 1.5 : load;
            repeat = repeat == null ? 0.5 : repeat;
            ahead = ahead == null ? 1.0 : ahead;
            info = info == null ? 2.0 : info;
        }
    }

    public Matchmaking {
        strategy = strategy == null || strategy.isBlank()
                ? "warm"
                : strategy.strip().toLowerCase(Locale.ROOT);
        weights = weights == null ? new Weights(null, null, null, null) : weights;
    }

    public boolean warm() {
        return strategy.equals("warm");
    }
}
