package org.gpupoor.arena.share;

import java.util.List;
import java.util.Map;
import org.gpupoor.arena.battle.Contender;

/**
 * A voted battle as anyone with its link sees it: the prompt, both answers, who gave them and
 * the vote. Nothing in it leads back to the battle id.
 *
 * @param id      the public id ({@code /shared/{id}})
 * @param winner  the vote: "a", "b", "tie" or "both_bad"
 * @param models  "a" and "b" → the model that gave that answer
 * @param answers "a" and "b" → the answer's text, as the model wrote it (markdown, untrusted)
 * @param followUps the turns the voter asked after the first, in order; the vote covers them all
 */
public record SharedBattle(
        String id,
        String prompt,
        String createdAt,
        String votedAt,
        String winner,
        Map<String, Contender> models,
        Map<String, String> answers,
        List<FollowUp> followUps) {

    /** A follow-up turn: the voter's prompt and both answers to it. */
    public record FollowUp(String prompt, Map<String, String> answers) {}

    /** "Llama 3.2 (1B) vs Qwen 2.5 (3B): which answered better?" */
    public String title() {
        return models.get("a").name() + " vs " + models.get("b").name() + ": which answered better?";
    }

    /** The vote in words, naming the model preferred. */
    public String verdict() {
        return switch (winner) {
            case "a" -> "The voter preferred " + models.get("a").name() + ".";
            case "b" -> "The voter preferred " + models.get("b").name() + ".";
            case "tie" -> "The voter called it a tie.";
            default -> "The voter found both answers bad.";
        };
    }
}
