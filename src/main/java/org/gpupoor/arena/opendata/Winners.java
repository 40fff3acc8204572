package org.gpupoor.arena.opendata;

import java.util.Optional;
import org.gpupoor.arena.rating.Outcome;

/** The public arena datasets' names for a vote: model_a, model_b, tie, "tie (bothbad)". */
final class Winners {
    private Winners() {}

    static String toWire(Outcome outcome) {
        return switch (outcome) {
            case A -> "model_a";
            case B -> "model_b";
            case TIE -> "tie";
            case BOTH_BAD -> "tie (bothbad)";
        };
    }

    static Optional<Outcome> fromWire(String value) {
        return Optional.ofNullable(
                switch (value == null ? "" : value) {
                    case "model_a" -> Outcome.A;
                    case "model_b" -> Outcome.B;
                    case "tie" -> Outcome.TIE;
                    case "tie (bothbad)" -> Outcome.BOTH_BAD;
                    default -> null;
                });
    }
}
