package org.gpupoor.arena.battle;

import org.gpupoor.arena.ollama.GenerationResult;

/** One side of a battle as it stands; {@code result} is set when done, {@code error} when it failed. */
public record SideView(String text, GenerationResult result, String error) {
    public boolean finished() {
        return result != null || error != null;
    }
}
