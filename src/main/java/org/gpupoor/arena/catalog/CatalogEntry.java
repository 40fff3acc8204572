package org.gpupoor.arena.catalog;

/**
 * One configured model as the arena sees it right now.
 *
 * @param sizeB      billions of parameters, null while unknown
 * @param sizeSource where the size came from: "config", "name", "ollama", or null
 * @param reason     why the model cannot battle now, null when it can
 */
public record CatalogEntry(String tag, String name, Double sizeB, String sizeSource, State state, String reason) {
    public enum State { AVAILABLE, NOT_INSTALLED, TOO_LARGE, SIZE_UNKNOWN, OLLAMA_DOWN }

    public boolean available() {
        return state == State.AVAILABLE;
    }
}
