package org.gpupoor.arena.battle;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Battle ids: 128 random bits, so holding an id is the only way to reach a battle. */
public final class BattleIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private BattleIds() {}

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean wellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
