package org.gpupoor.arena.ollama;

/** Ollama could not be reached or did not answer a metadata call. */
public class OllamaUnavailableException extends Exception {
    public OllamaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
