package org.gpupoor.arena.leaderboard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.LoggedVote;

/**
 * Reads the battle log for the boards: the whole of it to rebuild them, with the sizes the ELO
 * starts from, or the votes they have not taken in yet. Callers pause the log's writes.
 */
final class LogReplay {
    private final BattleLog log;
    private final ModelCatalog catalog;
    private final ModelSizes modelSizes;
    private final boolean countFlagged;

    LogReplay(BattleLog log, ModelCatalog catalog, ModelSizes modelSizes, boolean countFlagged) {
        this.log = log;
        this.catalog = catalog;
        this.modelSizes = modelSizes;
        this.countFlagged = countFlagged;
    }

    boolean countsFlagged() {
        return countFlagged;
    }

    long lastVoteSeq() {
        return log.lastVoteSeq();
    }

    /** The boards as the log stands at {@code upToSeq}, each model's ELO started from its size as known now. */
    BoardState upTo(long upToSeq) {
        return of(log.countedInVoteOrder(countFlagged, upToSeq));
    }

    /** The boards from these battles alone, in this order, each model's ELO started from its size as known now. */
    BoardState of(List<CountedBattle> history) {
        Map<String, Double> sizes = modelSizes.of(modelsIn(history));
        double maxSize = catalog.largestApprovedSize()
                .orElse(sizes.values().stream().max(Double::compare).orElse(1.0));
        BoardState state = BoardState.empty(sizes, maxSize);
        history.forEach(state::count);
        return state;
    }

    /** Every counted battle, in vote order. */
    List<CountedBattle> allCounted() {
        return log.countedInVoteOrder(countFlagged);
    }

    /** The votes after {@code afterSeq} up to {@code upToSeq}, in log order, counted or not. */
    List<LoggedVote> votesBetween(long afterSeq, long upToSeq) {
        return log.votesBetween(afterSeq, upToSeq, countFlagged);
    }

    private static Set<String> modelsIn(List<CountedBattle> history) {
        Set<String> models = new HashSet<>();
        for (CountedBattle b : history) {
            models.add(b.modelA());
            models.add(b.modelB());
        }
        return models;
    }
}
