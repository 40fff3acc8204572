package org.gpupoor.arena.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gpupoor.arena.App;
import org.gpupoor.arena.config.ArenaConfig;

/**
 * The arena against a fake Ollama with a few chatty models, for looking at the page without a
 * GPU: {@code mvn -q test-compile exec:java}-free, run it from an IDE or with the test classpath.
 */
public final class DemoArena {
    private DemoArena() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7860;
        FakeOllama ollama = new FakeOllama();
        script(ollama);
        Path dir = Files.createTempDirectory("demo-arena");
        ArenaConfig config = TestArena.config(ollama.url(), dir)
                .model("llama3.2:1b", "Llama 3.2 (1B, 8-bit)", null)
                .model("qwen2.5:3b", "Qwen 2.5 (3B, 4-bit)", null)
                .model("gemma2:2b", "Gemma 2 (2B, 4-bit)", null)
                .model("phi3.5:3.8b", "Phi 3.5 Mini (3.8B, 4-bit)", null)
                .prompts(List.of("Explain why the sky is blue.", "Write a haiku about VRAM.", "What is recursion?"))
                .build();
        App app = App.create(config, dir.resolve("arena.db"), java.time.Clock.systemUTC())
                .start(port);
        System.out.println("Demo arena at http://localhost:" + app.port() + "/ (fake Ollama at " + ollama.url() + ")");
    }

    public static void script(FakeOllama ollama) {
        ollama.model("llama3.2:1b", "1.2B")
                .paced(25)
                .answers(
                        pieces(
                                "The sky looks **blue** because of *Rayleigh scattering*:\n\n"
                                        + "1. Sunlight contains all colours.\n2. Air molecules scatter short wavelengths more.\n"
                                        + "3. Blue light is scattered across the whole sky.\n\nAt sunset the light travels further, so reds win."));
        ollama.model("qwen2.5:3b", "3.1B")
                .paced(30)
                .answers(pieces("Short answer: **scattering**.\n\n| Colour | Wavelength | Scattered |\n|---|---|---|\n"
                        + "| Blue | ~450 nm | a lot |\n| Red | ~700 nm | little |\n\n"
                        + "```python\nscatter = lambda wavelength: 1 / wavelength ** 4\n```"));
        ollama.model("gemma2:2b", "2.6B")
                .paced(20)
                .loadsFor(800)
                .answers(
                        pieces(
                                "Great question! Sunlight hits the atmosphere and the gas molecules bounce the blue part of the "
                                        + "spectrum around much more than the red part, so wherever you look you see blue light "
                                        + "coming at you. Violet is scattered even more, but our eyes are less sensitive to it."));
        ollama.model("phi3.5:3.8b", "3.8B")
                .paced(35)
                .answers(
                        pieces("## Why the sky is blue\n\n> Light of shorter wavelength is scattered more strongly.\n\n"
                                + "- Scattering goes as 1/λ⁴\n- Blue (450 nm) scatters about 5.5× more than red (700 nm)\n"
                                + "- Hence a blue sky, and red sunsets."));
    }

    static String[] pieces(String text) {
        return text.split("(?<=[ \\n])");
    }
}
