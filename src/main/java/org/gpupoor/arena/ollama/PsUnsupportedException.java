package org.gpupoor.arena.ollama;

/** The host answers {@code /api/ps} with 404: an Ollama too old to say what it has loaded. */
public final class PsUnsupportedException extends Exception {
    public PsUnsupportedException(String host) {
        super("Ollama at " + host + " has no /api/ps (a version older than 0.1.38)");
    }
}
