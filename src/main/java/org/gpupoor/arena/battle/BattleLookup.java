package org.gpupoor.arena.battle;

import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.leaderboard.ModelSizes;
import org.gpupoor.arena.store.BattleLog;

/** Finds a battle by its id: in memory, or read back from the log and kept among the latest read. */
final class BattleLookup {
    private final LiveBattles battles;
    private final BattleLog battleLog;
    private final ModelCatalog catalog;
    private final ModelSizes sizes;

    BattleLookup(LiveBattles battles, BattleLog battleLog, ModelCatalog catalog, ModelSizes sizes) {
        this.battles = battles;
        this.battleLog = battleLog;
        this.catalog = catalog;
        this.sizes = sizes;
    }

    /** The battle with this id; {@link BattleNotFoundException} when there is none. */
    LiveBattle find(String id) {
        if (!BattleIds.wellFormed(id)) {
            throw new BattleNotFoundException("No battle has the id '" + abbreviate(id) + "'.");
        }
        LiveBattle live = battles.get(id);
        if (live != null) {
            return live;
        }
        LiveBattle restored = battleLog
                .find(id)
                .map(r -> BattleRestore.restore(
                        r,
                        battleLog.turns().of(id),
                        contender(r.modelA(), r.sizeA()),
                        contender(r.modelB(), r.sizeB())))
                .orElseThrow(() -> new BattleNotFoundException("No battle has the id '" + id + "'."));
        // A battle another instance is still generating (a shared log) changes under it: read it
        // afresh each time rather than keep a copy that would never finish.
        return restored.status() == LiveBattle.Status.GENERATING ? restored : battles.keep(restored);
    }

    /** A battle's model as read back from the log: its size found as the boards find it (see {@link ModelSizes}). */
    private Contender contender(String tag, Double loggedSize) {
        String name = catalog.find(tag).map(CatalogEntry::name).orElse(tag);
        return new Contender(tag, name, sizes.of(tag, loggedSize));
    }

    private static String abbreviate(String id) {
        String shown = id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "…" : id;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
