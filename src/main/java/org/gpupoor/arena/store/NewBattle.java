package org.gpupoor.arena.store;

import java.time.Instant;

/** A battle as it starts: both models chosen (with Ollama's digests, null if unknown), nothing generated yet. */
public record NewBattle(
        String id,
        Instant createdAt,
        String prompt,
        String modelA,
        String modelB,
        Double sizeA,
        Double sizeB,
        String digestA,
        String digestB) {
    public NewBattle(
            String id, Instant createdAt, String prompt, String modelA, String modelB, Double sizeA, Double sizeB) {
        this(id, createdAt, prompt, modelA, modelB, sizeA, sizeB, null, null);
    }
}
