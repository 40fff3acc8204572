package org.gpupoor.arena.battle;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gpupoor.arena.ollama.GenerationResult;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.BattleRecord;
import org.gpupoor.arena.store.SideRecord;
import org.gpupoor.arena.store.TurnRecord;

/** Brings a battle back from the log into memory, with the events a client would have seen. */
final class BattleRestore {
    private BattleRestore() {}

    /** Rebuilds a finished battle from the log, every turn and its events included, as if it had just run. */
    static LiveBattle restore(BattleRecord r, List<TurnRecord> followUps, Contender a, Contender b) {
        LiveBattle battle =
                new LiveBattle(r.id(), r.prompt(), r.createdAt(), a, b, CompletableFuture.completedFuture(null));
        replaySide(battle, Side.A, r.a(), r.imported());
        replaySide(battle, Side.B, r.b(), r.imported());
        for (TurnRecord turn : followUps) {
            // Every turn but the last was ready, or no follow-up could have been asked.
            battle.end(turn.askedAt(), null, r.flagged());
            battle.beginTurn(turn.prompt(), turn.askedAt());
            replaySide(battle, Side.A, turn.a(), false);
            replaySide(battle, Side.B, turn.b(), false);
        }
        boolean ready = r.status().equals("ready");
        battle.end(
                r.finishedAt() == null ? r.createdAt() : r.finishedAt(),
                ready ? null : r.failure() == null ? "The battle was interrupted." : r.failure(),
                r.flagged());
        if (r.outcome() != null) {
            battle.markVoted(Outcome.fromWire(r.outcome()).orElseThrow(), r.votedAt());
        } else if (r.skippedAt() != null) {
            battle.markSkipped(r.skippedAt());
        }
        return battle;
    }

    private static void replaySide(LiveBattle battle, Side side, SideRecord record, boolean imported) {
        if (record == null && imported) {
            battle.done(side, new GenerationResult("", 0, 0, 0, 0, null, 0));
            return;
        }
        if (record == null) {
            battle.failed(side, "The answer was not recorded.", true);
            return;
        }
        if (!record.text().isEmpty()) {
            battle.token(side, record.text());
        }
        if (record.error() != null) {
            battle.failed(side, record.error(), true);
        } else {
            battle.done(
                    side,
                    new GenerationResult(
                            record.text(),
                            record.evalCount() == null ? 0 : record.evalCount(),
                            record.tokensPerSecond() == null ? 0 : record.tokensPerSecond(),
                            record.ttftMs() == null ? 0 : record.ttftMs(),
                            record.totalMs() == null ? 0 : record.totalMs(),
                            record.doneReason(),
                            record.loadMs() == null ? 0 : record.loadMs()));
        }
    }
}
