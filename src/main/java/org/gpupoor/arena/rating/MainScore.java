package org.gpupoor.arena.rating;

/**
 * The original arena's headline number: the win rate, damped for models with few battles.
 * A tie counts as half a win, so the board agrees with the ratings that treat ties the same way.
 */
public final class MainScore {
    private MainScore() {}

    public static double winRate(WinLossTable.Tally tally) {
        return tally.battles() == 0 ? 0.0 : (tally.wins() + 0.5 * tally.ties()) / tally.battles();
    }

    public static double score(WinLossTable.Tally tally) {
        return winRate(tally) * (1.0 - 1.0 / (tally.battles() + 1));
    }
}
