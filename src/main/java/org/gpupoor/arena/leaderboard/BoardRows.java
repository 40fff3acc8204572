package org.gpupoor.arena.leaderboard;

/** The rows the boards serve. */
public final class BoardRows {
    private BoardRows() {
    }

    /** The original's main board: counts, win rate (ties as halves) and the damped score. */
    public record MainRow(int rank, String model, String name, Double sizeB, int wins, int losses, int ties,
                          int battles, double winRate, double score) {
    }

    /**
     * The size-adjusted ELO board; {@code rating} and {@code initialRating} are null for a model
     * whose size is unknown, which is listed but not rated.
     */
    public record EloRow(Integer rank, String model, String name, Double sizeB, Double rating, Double initialRating,
                         double winImpact, double lossImpact, int battles) {
    }

    /** Where one model of a just-voted battle now stands. */
    public record Standing(MainRow main, EloRow elo, Double eloChange) {
    }
}
