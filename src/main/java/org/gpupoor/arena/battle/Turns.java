package org.gpupoor.arena.battle;

import java.util.ArrayList;
import java.util.List;

/**
 * A battle's conversation: each turn's prompt and both sides' answers, the last turn the one
 * generating or just done. Guarded by the battle's lock.
 */
final class Turns {
    /** One turn as it stands. */
    record TurnView(int turn, String prompt, SideView a, SideView b) {}

    private record Turn(String prompt, Answers answers) {}

    private final BattleEvents events;
    private final List<Turn> turns = new ArrayList<>();

    Turns(BattleEvents events, String firstPrompt) {
        this.events = events;
        turns.add(new Turn(firstPrompt, new Answers(events)));
    }

    int count() {
        return turns.size();
    }

    Answers current() {
        return turns.get(turns.size() - 1).answers();
    }

    String currentPrompt() {
        return turns.get(turns.size() - 1).prompt();
    }

    Answers first() {
        return turns.get(0).answers();
    }

    /** A follow-up: announced by a {@code turn} event, so that the events after it are read as its own. */
    void add(String prompt) {
        turns.add(new Turn(prompt, new Answers(events)));
        events.publish("turn", "turn", turns.size(), "prompt", prompt);
    }

    /** What one side is asked to continue: every prompt so far with its own answers between them. */
    List<String> conversation(Side side) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            if (i > 0) {
                messages.add(turns.get(i - 1).answers().view(side).text());
            }
            messages.add(turns.get(i).prompt());
        }
        return messages;
    }

    /** Every prompt so far, so that a model's name the voter wrote is not held against its answer. */
    String allPrompts() {
        return String.join("\n", turns.stream().map(Turn::prompt).toList());
    }

    List<TurnView> views() {
        List<TurnView> views = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            Turn t = turns.get(i);
            views.add(new TurnView(
                    i + 1, t.prompt(), t.answers().view(Side.A), t.answers().view(Side.B)));
        }
        return views;
    }
}
