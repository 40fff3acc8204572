package org.gpupoor.arena.battle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gpupoor.arena.ollama.GenerationResult;

/**
 * The JSON shape of a battle; models are named only once the battle has its vote. The top-level
 * prompt and answers are the first turn's, as before follow-ups existed; {@code turns} has them all.
 */
public final class BattleViews {
    private BattleViews() {}

    public static Map<String, Object> of(LiveBattle battle) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", battle.id());
        view.put("prompt", battle.prompt());
        view.put("created_at", battle.createdAt().toString());
        LiveBattle.Status status = battle.status();
        view.put("status", status.name().toLowerCase(Locale.ROOT));
        view.put("failure", battle.failure());
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            answers.put(side.wire(), side(battle.firstSide(side)));
        }
        view.put("answers", answers);
        List<Map<String, Object>> turns = new ArrayList<>();
        for (Turns.TurnView turn : battle.turns()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("turn", turn.turn());
            t.put("prompt", turn.prompt());
            Map<String, Object> answered = new LinkedHashMap<>();
            answered.put("a", side(turn.a()));
            answered.put("b", side(turn.b()));
            t.put("answers", answered);
            turns.add(t);
        }
        view.put("turns", turns);
        if (status == LiveBattle.Status.VOTED) {
            view.put("winner", battle.outcome().wire());
            view.put("models", Map.of("a", battle.contender(Side.A), "b", battle.contender(Side.B)));
            view.put("identity_giveaway", battle.giveaway());
        }
        return view;
    }

    private static Map<String, Object> side(SideView side) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("text", side.text());
        view.put("state", side.result() != null ? "done" : side.error() != null ? "failed" : "generating");
        view.put("error", side.error());
        GenerationResult r = side.result();
        if (r != null) {
            view.put("eval_count", r.evalCount());
            view.put("tokens_per_second", Math.round(r.tokensPerSecond() * 100) / 100.0);
            view.put("ttft_ms", r.ttftMs());
            view.put("load_ms", r.loadMs());
            view.put("total_ms", r.totalMs());
            view.put("done_reason", r.doneReason());
        }
        return view;
    }
}
