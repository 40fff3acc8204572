package org.gpupoor.arena.matchmaking;

import java.util.List;

/** The two models of a battle, in the sides they take: A on the left, B on the right. */
public record Pairing(String modelA, String modelB) {
    public List<String> models() {
        return List.of(modelA, modelB);
    }

    /** The same pair whichever side each model takes: "a|b" with the tags in order. */
    public static String key(String one, String other) {
        return one.compareTo(other) < 0 ? one + "|" + other : other + "|" + one;
    }
}
