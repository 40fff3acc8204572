package org.gpupoor.arena.catalog;

/**
 * One approved model as the arena sees it right now: listed in the config, or discovered in
 * Ollama ({@code ollama.auto_discover}).
 *
 * @param sizeB        billions of parameters, null while unknown
 * @param sizeSource   where the size came from: "config", "name", "ollama", or null
 * @param reason       why the model cannot battle now, null when it can
 * @param quantization Ollama's quantization level ("Q4_K_M"), null when Ollama has not said
 * @param digest       Ollama's digest of the installed model, null when not installed or not said
 */
public record CatalogEntry(
        String tag,
        String name,
        Double sizeB,
        String sizeSource,
        State state,
        String reason,
        String quantization,
        boolean discovered,
        String digest) {
    public enum State {
        AVAILABLE,
        NOT_INSTALLED,
        TOO_LARGE,
        SIZE_UNKNOWN,
        OLLAMA_DOWN
    }

    public boolean available() {
        return state == State.AVAILABLE;
    }
}
