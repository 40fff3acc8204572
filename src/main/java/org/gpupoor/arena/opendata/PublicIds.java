package org.gpupoor.arena.opendata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id a battle is published under. A battle id is the capability to read the battle
 * ({@code GET /api/battles/{id}}, prompt and answers included), so the export never shows it:
 * it shows the first 128 bits of its SHA-256 instead, stable across exports and not reversible
 * (the id has 128 random bits).
 */
final class PublicIds {
    private PublicIds() {}

    static String of(String battleId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(battleId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
