package org.gpupoor.arena.battle;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.config.ModelEntry;
import org.gpupoor.arena.ollama.GenerationResult;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.SideRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end of a battle's generation: its answers checked for an identity giveaway and stored, and the battle ended. */
final class BattleEnding {
    // Under the runner's name, as these lines were logged before it was split.
    private static final Logger log = LoggerFactory.getLogger(BattleRunner.class);

    private final ModelCatalog catalog;
    private final BattleLog battleLog;
    private final Clock clock;
    private volatile Map<String, IdentityCheck> identities;

    BattleEnding(ModelCatalog catalog, BattleLog battleLog, LiveConfig config, Clock clock) {
        this.catalog = catalog;
        this.battleLog = battleLog;
        this.clock = clock;
        this.identities = identitiesOf(config.current());
        config.onChange((before, next) -> identities = identitiesOf(next));
    }

    private static Map<String, IdentityCheck> identitiesOf(ArenaConfig config) {
        Map<String, IdentityCheck> checks = new HashMap<>();
        config.models().forEach(m -> checks.put(m.tag(), new IdentityCheck(IdentityWords.of(m))));
        return checks;
    }

    /** Stores the battle and ends it: "ready" to vote on, "failed", or "storage" when it could not be stored. */
    String store(LiveBattle battle) {
        SideView a = battle.side(Side.A);
        SideView b = battle.side(Side.B);
        boolean ready = a.result() != null && b.result() != null;
        // An answer that named its model at any turn gave the pair away for the whole conversation.
        String giveaway = battle.giveaway() != null
                ? battle.giveaway()
                : ready
                        ? giveaway(battle, Side.A, a.text())
                                .or(() -> giveaway(battle, Side.B, b.text()))
                                .orElse(null)
                        : null;
        String storageProblem = null;
        int turn = battle.turn();
        String failure = ready ? null : battle.failureReason();
        try {
            if (turn == 1) {
                battleLog.finish(battle.id(), ready, failure, giveaway, record(a), record(b), clock.instant());
            } else {
                battleLog
                        .turns()
                        .finish(battle.id(), turn, ready, failure, giveaway, record(a), record(b), clock.instant());
            }
        } catch (RuntimeException e) {
            log.error("Could not store battle {}", battle.id(), e);
            storageProblem = "The answers could not be saved, so this battle cannot be voted on.";
        }
        battle.end(clock.instant(), storageProblem, giveaway);
        return storageProblem != null ? "storage" : ready ? "ready" : "failed";
    }

    /** Ends a battle whose row never reached the log: nothing of it can be stored or voted on. */
    String unsaved(LiveBattle battle) {
        battle.end(clock.instant(), "The battle could not be saved, so it cannot be voted on.", null);
        return "storage";
    }

    private Optional<String> giveaway(LiveBattle battle, Side side, String answer) {
        Contender model = battle.contender(side);
        // A discovered model is in no config entry: its words come from the name the catalog gave it.
        IdentityCheck check = identities.get(model.tag());
        if (check == null) {
            check = catalog.find(model.tag())
                    .map(e -> new IdentityCheck(IdentityWords.of(new ModelEntry(e.tag(), e.name(), e.sizeB()))))
                    .orElse(null);
        }
        return check == null ? Optional.empty() : check.giveaway(battle.allPrompts(), answer);
    }

    private static SideRecord record(SideView side) {
        GenerationResult r = side.result();
        if (r == null) {
            return SideRecord.failed(side.text(), side.error() == null ? "not finished" : side.error());
        }
        return new SideRecord(
                r.text(),
                r.evalCount(),
                r.tokensPerSecond(),
                r.ttftMs(),
                r.totalMs(),
                r.doneReason(),
                null,
                r.loadMs());
    }
}
