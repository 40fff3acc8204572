package org.gpupoor.arena.catalog;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a check at Ollama changed, told to the operator: Ollama up or down, models discovered, models that cannot battle and why. */
final class CatalogChanges {
    // Under the catalog's name, as these lines were logged before the catalog was split.
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);

    private CatalogChanges() {}

    static void log(CatalogSnapshot previous, CatalogSnapshot next, String ollamaUrl) {
        boolean firstCheck = CatalogSnapshot.NOT_CHECKED.equals(previous.ollamaProblem());
        if (firstCheck || previous.ollamaUp() != next.ollamaUp()) {
            if (next.ollamaUp()) {
                log.info(
                        "Ollama is up at {}: {} of {} models available",
                        ollamaUrl,
                        next.available().size(),
                        next.models().size());
            } else {
                log.warn(
                        "{}. The arena keeps running and starts battles as soon as Ollama is up.",
                        next.ollamaProblem());
            }
        }
        Map<String, CatalogEntry> before = new HashMap<>();
        previous.models().forEach(e -> before.put(e.tag(), e));
        for (CatalogEntry now : next.models()) {
            CatalogEntry was = before.get(now.tag());
            if (was == null && now.discovered()) {
                log.info(
                        "Discovered {} in Ollama as \"{}\": {}",
                        now.tag(),
                        now.name(),
                        now.available() ? "available" : now.reason());
            } else if ((firstCheck || was == null || now.state() != was.state())
                    && now.state() != CatalogEntry.State.OLLAMA_DOWN
                    && now.reason() != null) {
                log.warn("Model {} ({}) {}", now.tag(), now.name(), now.reason());
            }
        }
    }
}
