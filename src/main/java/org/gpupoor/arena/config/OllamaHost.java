package org.gpupoor.arena.config;

import java.net.URI;

/** Reads an Ollama address the way Ollama's own {@code OLLAMA_HOST} does: scheme and port optional. */
public final class OllamaHost {
    private static final int DEFAULT_PORT = 11434;

    private OllamaHost() {}

    public static String normalize(String raw) {
        String value = raw.strip();
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        if (!value.contains("://")) {
            value = "http://" + value;
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid Ollama address: '" + raw + "'");
        }
        if (uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("not a valid Ollama address: '" + raw + "'");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : DEFAULT_PORT;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + hostLiteral(uri.getHost()) + ":" + port + path;
    }

    private static String hostLiteral(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
