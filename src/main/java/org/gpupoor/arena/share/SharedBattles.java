package org.gpupoor.arena.share;

import java.util.Map;
import java.util.Optional;
import org.gpupoor.arena.battle.Contender;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.BattleRecord;
import org.gpupoor.arena.store.SideRecord;

/**
 * Voted battles shown read-only under a public id ({@link ShareIds}). Only a battle with both
 * answers and a vote that stands is shown; with {@code sharing.enabled} off (read at each
 * request, so a config reload takes effect at once) none is, and no battle has a link.
 */
public final class SharedBattles {
    private final BattleLog battleLog;
    private final ModelCatalog catalog;
    private final LiveConfig config;
    private final ShareIds ids;

    /** {@code secret}: the log's own, the same for every instance on it, so links outlive restarts. */
    public SharedBattles(BattleLog battleLog, ModelCatalog catalog, LiveConfig config, String secret) {
        this.battleLog = battleLog;
        this.catalog = catalog;
        this.config = config;
        this.ids = new ShareIds(secret);
    }

    public boolean enabled() {
        return config.current().sharing().enabled();
    }

    /** Where the voted battle {@code battleId} is shown ("/shared/…"); empty while sharing is off. */
    public Optional<String> pathOf(String battleId) {
        return enabled() ? ids.of(battleId).map(id -> "/shared/" + id) : Optional.empty();
    }

    /** The battle behind {@code publicId}, if it may be shown. */
    public Optional<SharedBattle> find(String publicId) {
        if (!enabled()) {
            return Optional.empty();
        }
        return ids.battleOf(publicId).flatMap(battleLog::findShowable).map(r -> shown(publicId, r));
    }

    private SharedBattle shown(String publicId, BattleRecord r) {
        return new SharedBattle(
                publicId,
                r.prompt(),
                r.createdAt().toString(),
                r.votedAt().toString(),
                r.outcome(),
                Map.of("a", contender(r.modelA(), r.sizeA()), "b", contender(r.modelB(), r.sizeB())),
                Map.of("a", text(r.a()), "b", text(r.b())),
                battleLog.turns().of(r.id()).stream()
                        .map(t -> new SharedBattle.FollowUp(t.prompt(), Map.of("a", text(t.a()), "b", text(t.b()))))
                        .toList());
    }

    /** The model as the arena names it now; a model no longer listed keeps its tag and logged size. */
    private Contender contender(String tag, Double loggedSize) {
        Optional<CatalogEntry> entry = catalog.find(tag);
        return new Contender(
                tag,
                entry.map(CatalogEntry::name).orElse(tag),
                entry.map(CatalogEntry::sizeB).orElse(loggedSize));
    }

    private static String text(SideRecord side) {
        return side == null ? "" : side.text();
    }
}
