package org.gpupoor.arena.leaderboard;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.catalog.ModelSize;
import org.gpupoor.arena.store.BattleLog;

/**
 * A model's size in billions of parameters, found the same way by every board and every battle.
 * The catalog's size comes first: it is the operator's word ({@code size_b} or the name) or
 * what Ollama reports for the model it serves now. Then the size logged with the model's
 * battles: all there is for a model that has left the config. Then what the tag says
 * ("llama3.2:1b" is 1): a naming habit, not a promise, so only a last resort for old results;
 * it never lets a model battle (the catalog refuses a model of unknown size).
 */
public final class ModelSizes {
    private final ModelCatalog catalog;
    private final BattleLog log;

    public ModelSizes(ModelCatalog catalog, BattleLog log) {
        this.catalog = catalog;
        this.log = log;
    }

    /** The size of each of {@code models} that has one, and of every model the catalog knows the size of. */
    public Map<String, Double> of(Collection<String> models) {
        Map<String, Double> fromCatalog = catalog.knownSizes();
        Set<String> rest = new HashSet<>(models);
        rest.removeAll(fromCatalog.keySet());
        Map<String, Double> fromLog = rest.isEmpty() ? Map.of() : log.loggedSizes(rest);
        Map<String, Double> sizes = new HashMap<>(fromCatalog);
        for (String model : rest) {
            Optional<Double> size = Optional.ofNullable(fromLog.get(model)).or(() -> ModelSize.fromTag(model));
            size.ifPresent(s -> sizes.put(model, s));
        }
        return sizes;
    }

    /** One model's size, where {@code logged} is the size logged with the battle at hand (or null). */
    public Double of(String model, Double logged) {
        return catalog.find(model)
                .map(e -> e.sizeB())
                .or(() -> Optional.ofNullable(logged))
                .or(() -> ModelSize.fromTag(model))
                .orElse(null);
    }
}
