package org.gpupoor.arena.rating;

/** What the boards need of a voted battle: who sat on each side and how the vote went. */
public record CountedBattle(String modelA, String modelB, Outcome outcome) {
    public CountedBattle {
        if (modelA.equals(modelB)) {
            throw new IllegalArgumentException("a model cannot battle itself: " + modelA);
        }
    }
}
