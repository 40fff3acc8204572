package org.gpupoor.arena.ollama;

import java.time.Instant;

/**
 * A model in an Ollama host's memory, as {@code GET /api/ps} lists it.
 *
 * @param bytes     the whole footprint
 * @param vramBytes the part on the GPU; less than {@code bytes} when part of it runs on the CPU
 * @param expiresAt when Ollama unloads it if nothing uses it meanwhile
 */
public record LoadedModel(String tag, long bytes, long vramBytes, Instant expiresAt) {}
