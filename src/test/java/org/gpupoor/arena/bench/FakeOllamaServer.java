package org.gpupoor.arena.bench;

import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.testing.FakeOllama;

/**
 * The Ollama test server as a process of its own, for the benchmark:
 * {@code FakeOllamaServer MODELS TOKENS MILLIS_PER_TOKEN} serves models m1:1b … mN:1b, each
 * streaming TOKENS tokens at a fixed pace, and prints its URL.
 */
public final class FakeOllamaServer {
    private FakeOllamaServer() {}

    public static void main(String[] args) throws Exception {
        int models = Integer.parseInt(args[0]);
        int tokens = Integer.parseInt(args[1]);
        long pace = Long.parseLong(args[2]);
        List<String> pieces = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            pieces.add(t == 0 ? "Token" : " token");
        }
        FakeOllama ollama = new FakeOllama();
        for (int m = 1; m <= models; m++) {
            ollama.model(ArenaBenchmark.tag(m), m + ".0B")
                    .answers(pieces.toArray(String[]::new))
                    .paced(pace);
        }
        System.out.println(ollama.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
