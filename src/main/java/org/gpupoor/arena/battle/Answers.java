package org.gpupoor.arena.battle;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.gpupoor.arena.ollama.GenerationResult;

/**
 * Both sides' answers as they stream in: the text so far, then a result or an error, each change
 * sent as an event. Guarded by the battle's lock.
 */
final class Answers {
    private final BattleEvents events;
    private final Map<Side, StringBuilder> texts = new EnumMap<>(Side.class);
    private final Map<Side, GenerationResult> results = new EnumMap<>(Side.class);
    private final Map<Side, String> errors = new EnumMap<>(Side.class);
    private Side firstToFail;
    private Instant firstTokenAt;

    Answers(BattleEvents events) {
        this.events = events;
        texts.put(Side.A, new StringBuilder());
        texts.put(Side.B, new StringBuilder());
    }

    /** When the first piece of either answer arrived; null before, and for a battle read back from the log. */
    Instant firstTokenAt() {
        return firstTokenAt;
    }

    void token(Side side, String text, Instant at) {
        if (firstTokenAt == null) {
            firstTokenAt = at;
        }
        token(side, text);
    }

    void token(Side side, String text) {
        if (finished(side)) {
            return; // a late piece from a stream that was already cut off
        }
        texts.get(side).append(text);
        events.publish("token", "side", side.wire(), "text", text);
    }

    void done(Side side, GenerationResult r) {
        results.put(side, r);
        events.publish(
                "done",
                "side",
                side.wire(),
                "eval_count",
                r.evalCount(),
                "tokens_per_second",
                round(r.tokensPerSecond()),
                "ttft_ms",
                r.ttftMs(),
                "total_ms",
                r.totalMs(),
                "done_reason",
                r.doneReason(),
                "load_ms",
                r.loadMs());
    }

    /** @param onItsOwn whether the side failed by itself, rather than being stopped */
    void failed(Side side, String message, boolean onItsOwn) {
        if (finished(side)) {
            return;
        }
        errors.put(side, message);
        if (onItsOwn && firstToFail == null) {
            firstToFail = side;
        }
        events.publish("error", "side", side.wire(), "message", message);
    }

    boolean bothAnswered() {
        return results.size() == 2;
    }

    SideView view(Side side) {
        return new SideView(texts.get(side).toString(), results.get(side), errors.get(side));
    }

    /** Why the battle cannot be voted on, naming the side that failed first on its own account. */
    String failureReason() {
        if (firstToFail != null) {
            return "Model " + firstToFail.name() + " failed: " + errors.get(firstToFail);
        }
        String stopped = errors.getOrDefault(Side.A, errors.get(Side.B));
        return stopped == null ? "The battle did not finish." : "The battle was stopped: " + stopped;
    }

    private boolean finished(Side side) {
        return results.containsKey(side) || errors.containsKey(side);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
