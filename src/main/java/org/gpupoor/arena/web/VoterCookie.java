package org.gpupoor.arena.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An anonymous voter id: 128 random bits in an HttpOnly, SameSite=Lax cookie, signed so that a
 * script cannot make up fresh ids to escape the daily vote cap. It holds no personal data and is
 * used for nothing but that cap and the stuffing checks. The log keeps only a keyed hash of it
 * (and the export publishes that hash), never the cookie's value. A client that keeps no cookie
 * (curl, a script) is one voter per address instead.
 */
public final class VoterCookie {
    public static final String NAME = "arena_voter";
    private static final int MAX_AGE_SECONDS = 365 * 24 * 3600;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param secret the log's own secret, the same for every instance on it */
    public VoterCookie(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Gives the client a voter cookie unless it already has a valid one. */
    public void ensure(Context ctx) {
        if (validId(ctx) != null) {
            return;
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String raw = BASE64.encodeToString(id);
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        NAME + "=" + raw + "." + signature(raw) + "; Path=/; Max-Age=" + MAX_AGE_SECONDS
                                + "; HttpOnly; SameSite=Lax" + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
    }

    /** The voter behind this request, as the keyed hash the log keeps: from the cookie, else from the address. */
    public String voterOf(Context ctx) {
        String id = validId(ctx);
        return id != null ? hash("cookie:" + id) : addressOf(ctx);
    }

    /** The keyed hash of the request's address (an IPv6 client's /64): votes are capped per address too. */
    public String addressOf(Context ctx) {
        return hash("address:" + ClientAddress.allowanceKey(ctx.ip()));
    }

    private String validId(Context ctx) {
        String value = ctx.cookie(NAME);
        int dot = value == null ? -1 : value.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String raw = value.substring(0, dot);
        byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, signature(raw).getBytes(StandardCharsets.US_ASCII)) ? raw : null;
    }

    private String signature(String raw) {
        return BASE64.encodeToString(java.util.Arrays.copyOf(mac("sign:" + raw), 16));
    }

    private String hash(String text) {
        return HexFormat.of().formatHex(mac("voter:" + text), 0, 16);
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
