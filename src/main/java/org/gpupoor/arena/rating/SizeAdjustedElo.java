package org.gpupoor.arena.rating;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The original arena's ELO: every model starts at {@code 1000 + 100 * size_in_billions}, and a
 * win over a larger model moves the ratings more ({@code K = min(64, 32 * (1 + (loser_size -
 * winner_size) / max_size))}). Ties move both sides toward each other with {@code K = 32}.
 * Battles are applied once each, in the order they were voted.
 */
public final class SizeAdjustedElo {
    static final double BASE_K = 32;
    static final double MAX_K = 64;

    /** The weighted sums the original shows beside the rating: how much wins and losses have weighed. */
    public record Impact(double wins, double losses) {}

    private final Map<String, Double> sizes;
    private final double maxSize;
    private final Map<String, Standing> standings = new HashMap<>();

    /** One model's running state; mutable so a replay of a million battles allocates nothing per battle. */
    private static final class Standing {
        final double size;
        double rating;
        double winImpact;
        double lossImpact;

        Standing(double size) {
            this.size = size;
            this.rating = initialRating(size);
        }
    }

    /**
     * @param sizes   billions of parameters per model; battles with a model not in here are skipped
     * @param maxSize the largest approved model's size, the yardstick for size differences
     */
    public SizeAdjustedElo(Map<String, Double> sizes, double maxSize) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("max size must be positive, was " + maxSize);
        }
        this.sizes = Map.copyOf(sizes);
        this.maxSize = maxSize;
    }

    public static double initialRating(double sizeB) {
        return 1000 + 100 * sizeB;
    }

    /** The chance that a player rated {@code rating} beats one rated {@code opponent}. */
    public static double expected(double rating, double opponent) {
        return 1 / (1 + Math.pow(10, (opponent - rating) / 400));
    }

    /** Applies one battle; returns false, changing nothing, when a side's size is unknown. */
    public boolean apply(CountedBattle battle) {
        Standing a = standing(battle.modelA());
        Standing b = standing(battle.modelB());
        if (a == null || b == null) {
            return false;
        }
        double expectedA = expected(a.rating, b.rating);
        double deltaA;
        if (battle.outcome().isTie()) {
            deltaA = BASE_K * (0.5 - expectedA);
        } else {
            boolean aWon = battle.outcome() == Outcome.A;
            Standing winner = aWon ? a : b;
            Standing loser = aWon ? b : a;
            double d = (loser.size - winner.size) / maxSize;
            double k = Math.min(MAX_K, BASE_K * (1 + d));
            double winnerExpected = aWon ? expectedA : 1 - expectedA;
            double change = k * (1 - winnerExpected);
            deltaA = aWon ? change : -change;
            winner.winImpact += 1 + Math.max(0, d);
            loser.lossImpact += 1 + Math.max(0, d);
        }
        a.rating += deltaA;
        b.rating -= deltaA;
        return true;
    }

    private Standing standing(String model) {
        Standing s = standings.get(model);
        if (s == null) {
            Double size = sizes.get(model);
            if (size == null) {
                return null;
            }
            s = new Standing(size);
            standings.put(model, s);
        }
        return s;
    }

    /** The current rating, the initial one for a model without battles, empty if its size is unknown. */
    public Optional<Double> rating(String model) {
        Standing s = standings.get(model);
        if (s != null) {
            return Optional.of(s.rating);
        }
        Double size = sizes.get(model);
        return size == null ? Optional.empty() : Optional.of(initialRating(size));
    }

    public Impact impact(String model) {
        Standing s = standings.get(model);
        return s == null ? new Impact(0, 0) : new Impact(s.winImpact, s.lossImpact);
    }
}
