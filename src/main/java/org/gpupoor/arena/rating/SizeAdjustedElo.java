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
    public record Impact(double wins, double losses) {
    }

    private final Map<String, Double> sizes;
    private final double maxSize;
    private final Map<String, Double> ratings = new HashMap<>();
    private final Map<String, Impact> impacts = new HashMap<>();

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
        Double sizeA = sizes.get(battle.modelA());
        Double sizeB = sizes.get(battle.modelB());
        if (sizeA == null || sizeB == null) {
            return false;
        }
        double ratingA = rating(battle.modelA()).orElseThrow();
        double ratingB = rating(battle.modelB()).orElseThrow();
        double expectedA = expected(ratingA, ratingB);
        double deltaA;
        if (battle.outcome().isTie()) {
            deltaA = BASE_K * (0.5 - expectedA);
        } else {
            boolean aWon = battle.outcome() == Outcome.A;
            double winnerSize = aWon ? sizeA : sizeB;
            double loserSize = aWon ? sizeB : sizeA;
            double k = Math.min(MAX_K, BASE_K * (1 + (loserSize - winnerSize) / maxSize));
            double winnerExpected = aWon ? expectedA : 1 - expectedA;
            double change = k * (1 - winnerExpected);
            deltaA = aWon ? change : -change;
            String winner = aWon ? battle.modelA() : battle.modelB();
            String loser = aWon ? battle.modelB() : battle.modelA();
            double d = (loserSize - winnerSize) / maxSize;
            impacts.merge(winner, new Impact(1 + Math.max(0, d), 0), SizeAdjustedElo::sum);
            impacts.merge(loser, new Impact(0, 1 + Math.max(0, d)), SizeAdjustedElo::sum);
        }
        ratings.put(battle.modelA(), ratingA + deltaA);
        ratings.put(battle.modelB(), ratingB - deltaA);
        return true;
    }

    /** The current rating, the initial one for a model without battles, empty if its size is unknown. */
    public Optional<Double> rating(String model) {
        Double size = sizes.get(model);
        if (size == null) {
            return Optional.empty();
        }
        return Optional.of(ratings.getOrDefault(model, initialRating(size)));
    }

    public Impact impact(String model) {
        return impacts.getOrDefault(model, new Impact(0, 0));
    }

    private static Impact sum(Impact x, Impact y) {
        return new Impact(x.wins() + y.wins(), x.losses() + y.losses());
    }
}
