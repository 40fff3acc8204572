package org.gpupoor.arena.config;

/**
 * The Bradley-Terry board: the scale's anchor (the mean of all ratings, or {@code anchorModel}
 * when set) sits at {@code anchorRating}; models with fewer than {@code minBattles} counted
 * battles are marked provisional; intervals come from {@code bootstrapRounds} resamples.
 * {@code priorBattles} virtual battles per model shrink ratings toward the field; the default,
 * 0, is the plain maximum-likelihood fit the best public arena publishes.
 */
public record Ratings(
        String anchorModel, Double anchorRating, Integer minBattles, Integer bootstrapRounds, Double priorBattles) {
    public Ratings {
        anchorModel = anchorModel == null || anchorModel.isBlank() ? null : ModelTags.canonical(anchorModel);
        anchorRating = anchorRating == null ? 1000.0 : anchorRating;
        minBattles = minBattles == null ? 10 : minBattles;
        bootstrapRounds = bootstrapRounds == null ? 100 : bootstrapRounds;
        priorBattles = priorBattles == null ? 0.0 : priorBattles;
    }
}
