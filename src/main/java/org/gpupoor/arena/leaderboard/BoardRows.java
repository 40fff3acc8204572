package org.gpupoor.arena.leaderboard;

/** The rows the boards serve. */
public final class BoardRows {
    private BoardRows() {}

    /**
     * The original's main board: counts, win rate (ties as halves) and the damped score.
     * {@code rank} is null only for a hidden model, in a vote's answer (the boards leave it out).
     */
    public record MainRow(
            Integer rank,
            String model,
            String name,
            Double sizeB,
            int wins,
            int losses,
            int ties,
            int battles,
            double winRate,
            double score) {}

    /**
     * The size-adjusted ELO board; {@code rating} and {@code initialRating} are null for a model
     * whose size is unknown, which is listed but not rated. {@code rank} is null for it too, and
     * for a hidden model in a vote's answer.
     */
    public record EloRow(
            Integer rank,
            String model,
            String name,
            Double sizeB,
            Double rating,
            Double initialRating,
            double winImpact,
            double lossImpact,
            int battles) {}

    /** Where one model of a just-voted battle now stands. */
    public record Standing(MainRow main, EloRow elo, Double eloChange) {}
}
