package org.gpupoor.arena.rating;

/**
 * A voted battle with what else the voter saw: {@code features[k]} is feature k of A's answer
 * against B's (see {@link ControlledFit#normalisedDifference} and {@link ControlledFit#logRatio}),
 * so that swapping the sides negates it. Features are finite: a missing measurement is 0, no
 * difference.
 */
public record CovariateBattle(String modelA, String modelB, Outcome outcome, double[] features) {
    public CovariateBattle {
        if (modelA.equals(modelB)) {
            throw new IllegalArgumentException("a model cannot battle itself: " + modelA);
        }
    }
}
