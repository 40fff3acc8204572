package org.gpupoor.arena.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, a load client in a process of its own, run with one of the scripts in {@code bench/}:
 * its figures are the ones an operator can reproduce with wrk alone. The scripts print what they
 * counted as {@code name value} lines, read back with {@link #number}.
 */
final class Wrk {
    static final int THREADS = 2;

    private Wrk() {}

    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").start().waitFor() >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs {@code bench/<script>} against the arena for {@code phase}; returns what wrk printed. */
    static String run(String script, String arena, int connections, Duration phase, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder wrk = new ProcessBuilder(
                        "wrk",
                        "-t" + THREADS,
                        "-c" + connections,
                        "-d" + phase.toSeconds() + "s",
                        "-s",
                        Path.of("bench", script).toAbsolutePath().toString(),
                        arena)
                .redirectErrorStream(true);
        wrk.environment().putAll(environment);
        wrk.environment().put("WRK_THREADS", String.valueOf(THREADS));
        Process process = wrk.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return output;
    }

    static double number(String output, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " ([\\d.]+)$").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk said nothing of " + name + ":\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }
}
