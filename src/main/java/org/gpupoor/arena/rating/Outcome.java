package org.gpupoor.arena.rating;

import java.util.Optional;

/** A voter's verdict on one battle. Both kinds of tie count as half a win for each side. */
public enum Outcome {
    A("a"),
    B("b"),
    TIE("tie"),
    BOTH_BAD("both_bad");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isTie() {
        return this == TIE || this == BOTH_BAD;
    }

    public static Optional<Outcome> fromWire(String value) {
        return Optional.ofNullable(
                value == null
                        ? null
                        : switch (value) {
                            case "a" -> A;
                            case "b" -> B;
                            case "tie" -> TIE;
                            case "both_bad" -> BOTH_BAD;
                            default -> null;
                        });
    }
}
