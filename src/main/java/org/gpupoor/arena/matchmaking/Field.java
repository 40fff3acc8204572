package org.gpupoor.arena.matchmaking;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What matchmaking knows of the field when a battle is made.
 *
 * @param available       models that can battle now
 * @param battles         counted battles per model (absent means none)
 * @param pairBattles     counted battles per pair, keyed by {@link Pairing#key}
 * @param recentOpponents a model's most recent opponents, newest first
 * @param strengths       each model's Bradley-Terry rating and interval; absent while it has none
 */
public record Field(
        List<String> available,
        Map<String, Integer> battles,
        Map<String, Integer> pairBattles,
        Function<String, List<String>> recentOpponents,
        Map<String, Strength> strengths) {

    /** A rating and the half width of its 95% interval, in rating points. */
    public record Strength(double rating, double halfWidth) {}

    int battlesOf(String model) {
        return battles.getOrDefault(model, 0);
    }

    int pairBattlesOf(String one, String other) {
        return pairBattles.getOrDefault(Pairing.key(one, other), 0);
    }
}
