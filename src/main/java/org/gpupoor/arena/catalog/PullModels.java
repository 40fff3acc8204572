package org.gpupoor.arena.catalog;

import java.io.PrintStream;
import java.util.Map;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.ModelEntry;
import org.gpupoor.arena.config.ModelTags;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.ollama.OllamaModel;
import org.gpupoor.arena.ollama.OllamaUnavailableException;

/**
 * {@code pull-models}: asks Ollama to pull every approved model it does not have yet, one after
 * the other, and says how each went. The Docker Compose file runs it once before the arena.
 */
public final class PullModels {
    private PullModels() {}

    /** 0 when every approved model is installed afterwards, 1 when Ollama is unreachable or a pull failed. */
    public static int run(ArenaConfig config, OllamaGateway ollama, PrintStream out) {
        Map<String, OllamaModel> installed;
        try {
            installed = ollama.installedModels();
        } catch (OllamaUnavailableException e) {
            out.println(e.getMessage());
            return 1;
        }
        int failed = 0;
        for (ModelEntry model : config.models()) {
            String tag = ModelTags.canonical(model.tag());
            if (installed.containsKey(tag)) {
                out.println("have   " + tag);
                continue;
            }
            out.println("pull   " + tag + " ...");
            try {
                ollama.pull(tag);
                out.println("pulled " + tag);
            } catch (OllamaUnavailableException e) {
                failed++;
                out.println("FAILED " + tag + ": " + e.getMessage());
            }
        }
        out.println(
                failed == 0
                        ? "All " + config.models().size() + " approved models are in Ollama."
                        : failed + " of " + config.models().size() + " approved models could not be pulled.");
        return failed == 0 ? 0 : 1;
    }
}
