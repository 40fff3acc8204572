package org.gpupoor.arena.battle;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.matchmaking.Matchmaker;
import org.gpupoor.arena.matchmaking.Pairing;
import org.gpupoor.arena.store.BattleLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A battle that waited in line for a slot is paired again, by the warm strategy, when it starts:
 * what was loaded when it was made has changed by then. Nothing about its pair has been shown
 * yet (the line only says its place), so the voter sees no difference but a shorter wait. With
 * the fair strategy the pair stays as drawn.
 */
final class LatePairing {
    private static final Logger log = LoggerFactory.getLogger(LatePairing.class);

    private final Matchmaker matchmaker;
    private final ModelCatalog catalog;
    private final BattleLog battleLog;
    private final Function<LiveBattle, Set<String>> othersInUse;

    LatePairing(
            Matchmaker matchmaker,
            ModelCatalog catalog,
            BattleLog battleLog,
            Function<LiveBattle, Set<String>> othersInUse) {
        this.matchmaker = matchmaker;
        this.catalog = catalog;
        this.battleLog = battleLog;
        this.othersInUse = othersInUse;
    }

    void atStart(LiveBattle battle) {
        // A battle let out of line before its row is written (a moment after it was made) keeps its pair.
        if (!battle.waited() || !matchmaker.warm() || !battle.inLog()) {
            return;
        }
        Map<String, CatalogEntry> available =
                catalog.current().available().stream().collect(Collectors.toMap(CatalogEntry::tag, e -> e));
        if (available.size() < 2) {
            return;
        }
        Pairing pairing = matchmaker.pick(List.copyOf(available.keySet()), othersInUse.apply(battle));
        try {
            CatalogEntry a = available.get(pairing.modelA());
            CatalogEntry b = available.get(pairing.modelB());
            battleLog.repair(battle.id(), a.tag(), b.tag(), a.sizeB(), b.sizeB(), a.digest(), b.digest());
            matchmaker.battled(a.tag(), b.tag());
            battle.repair(new Contender(a.tag(), a.name(), a.sizeB()), new Contender(b.tag(), b.name(), b.sizeB()));
        } catch (RuntimeException e) {
            log.warn("Battle {} keeps the pair it was made with: {}", battle.id(), e.toString());
        } finally {
            matchmaker.release(pairing);
        }
    }
}
