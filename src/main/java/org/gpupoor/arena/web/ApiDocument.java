package org.gpupoor.arena.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the hand-written OpenAPI document (src/main/resources/openapi.yaml), read once. */
public final class ApiDocument {
    private static final byte[] YAML = load();

    private ApiDocument() {}

    public static void serve(Context ctx) {
        ctx.contentType("application/yaml; charset=utf-8").result(YAML);
    }

    private static byte[] load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
