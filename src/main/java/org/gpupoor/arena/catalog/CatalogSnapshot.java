package org.gpupoor.arena.catalog;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What Ollama looked like at the last check. */
public record CatalogSnapshot(boolean ollamaUp, String ollamaProblem, Instant checkedAt, List<CatalogEntry> models) {
    static final String NOT_CHECKED = "Ollama has not been checked yet";

    public List<CatalogEntry> available() {
        return models.stream().filter(CatalogEntry::available).toList();
    }

    /** "up", "down", or "checking" until the first check after start has answered. */
    public String ollamaState() {
        return ollamaUp ? "up" : NOT_CHECKED.equals(ollamaProblem) ? "checking" : "down";
    }

    /** Sizes of every configured model whose size is known. */
    Map<String, Double> knownSizes() {
        Map<String, Double> sizes = new HashMap<>();
        for (CatalogEntry e : models) {
            if (e.sizeB() != null) {
                sizes.put(e.tag(), e.sizeB());
            }
        }
        return sizes;
    }

    /** The yardstick for the size-adjusted ELO: the largest approved model of known size. */
    Optional<Double> largestApprovedSize() {
        return models.stream()
                .filter(e -> e.sizeB() != null && e.state() != CatalogEntry.State.TOO_LARGE)
                .map(CatalogEntry::sizeB)
                .max(Double::compare);
    }
}
