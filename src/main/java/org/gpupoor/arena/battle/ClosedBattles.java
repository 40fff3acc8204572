package org.gpupoor.arena.battle;

import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.ollama.GenerationResult;

/**
 * Per-model figures of a battle become public only once it is closed (voted on, failed or
 * stopped): while it is blind, a rise in one model's series would tell anyone reading
 * {@code /metrics} which two models it uses.
 */
final class ClosedBattles {
    private ClosedBattles() {}

    /** Reports each side that finished its answer under its model's name. */
    static void answered(ArenaMetrics metrics, LiveBattle battle) {
        for (Side side : Side.values()) {
            GenerationResult result = battle.side(side).result();
            if (result != null) {
                metrics.answer(
                        battle.contender(side).tag(), result.ttftMs(), result.totalMs(), result.tokensPerSecond());
            }
        }
    }
}
