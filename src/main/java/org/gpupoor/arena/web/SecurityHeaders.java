package org.gpupoor.arena.web;

import io.javalin.http.Context;

/**
 * Headers on every response. The page runs no inline script, so the policy forbids it: model
 * output that slipped past the sanitiser still could not run. Inline styles stay allowed for the
 * charts' tooltips (style attributes only, no style elements); images only from the arena itself, so an answer cannot load a tracking pixel.
 */
public final class SecurityHeaders {
    static final String POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
                    + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                    + "form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    }
}
