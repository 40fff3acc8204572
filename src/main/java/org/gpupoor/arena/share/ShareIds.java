package org.gpupoor.arena.share;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The id a battle is shared under. The battle id lets its holder act on the battle, so a shared
 * link must not carry it, nor anything that leads to it without the log's secret. A keyed hash
 * would need a stored column (and a migration) to be looked up again; AES over the id's 128 bits
 * is a keyed permutation instead: as unlinkable without the key, and reversible with it, so the
 * public id maps back to its battle with no table of its own. Any 32 hex digits decrypt to some
 * id; one that names no shown battle is simply not found.
 */
final class ShareIds {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    ShareIds(String secret) {
        try {
            byte[] material = MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(material, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The public id of {@code battleId}; empty for an id that is not 128 bits in base64url (no battle the arena made). */
    Optional<String> of(String battleId) {
        byte[] id;
        try {
            id = Base64.getUrlDecoder().decode(battleId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (id.length != 16) {
            return Optional.empty();
        }
        return Optional.of(HEX.formatHex(run(Cipher.ENCRYPT_MODE, id)));
    }

    /** The battle id behind {@code publicId}, empty when it is not 32 lower-case hex digits. */
    Optional<String> battleOf(String publicId) {
        if (publicId == null || !SHAPE.matcher(publicId).matches()) {
            return Optional.empty();
        }
        byte[] id = run(Cipher.DECRYPT_MODE, HEX.parseHex(publicId));
        return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(id));
    }

    // One block and no mode: a single AES block is the permutation itself, so ECB's weakness
    // (equal blocks look equal) cannot show, and equal ids should look equal anyway.
    private byte[] run(int mode, byte[] block) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(mode, key);
            return aes.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has AES", e);
        }
    }
}
