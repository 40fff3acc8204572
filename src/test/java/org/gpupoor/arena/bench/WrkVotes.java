package org.gpupoor.arena.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Votes as an outside client sends them: wrk, its own process, with {@code bench/votes.lua}
 * posting one vote per battle over kept-alive connections. Its figures are the ones an operator
 * can reproduce with wrk alone; the benchmark's own Java voters run beside it for comparison.
 */
final class WrkVotes {
    /** What wrk saw: votes accepted per second, latency percentiles, and the answers that were not 200 by status. */
    record Result(double perSecond, long accepted, double p50Ms, double p99Ms, Map<Integer, Long> refused) {
        long refusedTotal() {
            return refused.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Runs one after the other as one: votes over their summed time, the median p50, the worst p99. */
        static Result combined(List<Result> runs) {
            double seconds =
                    runs.stream().mapToDouble(r -> r.accepted() / r.perSecond()).sum();
            long accepted = runs.stream().mapToLong(Result::accepted).sum();
            Map<Integer, Long> refused = new TreeMap<>();
            runs.forEach(r -> r.refused().forEach((status, n) -> refused.merge(status, n, Long::sum)));
            double[] p50s = runs.stream().mapToDouble(Result::p50Ms).sorted().toArray();
            return new Result(
                    accepted / seconds,
                    accepted,
                    p50s[p50s.length / 2],
                    runs.stream().mapToDouble(Result::p99Ms).max().orElse(0),
                    refused);
        }
    }

    private static final int THREADS = 2;

    private WrkVotes() {}

    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").start().waitFor() >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Votes once on each of {@code battleIds}, over {@code connections} kept-alive connections, for at most {@code phase}. */
    static Result run(String arena, List<String> battleIds, int connections, Duration phase)
            throws IOException, InterruptedException {
        Path ids = Files.createTempFile("wrk-battles", ".txt");
        try {
            Files.write(ids, battleIds, StandardCharsets.UTF_8);
            ProcessBuilder wrk = new ProcessBuilder(
                            "wrk",
                            "-t" + THREADS,
                            "-c" + connections,
                            "-d" + phase.toSeconds() + "s",
                            "-s",
                            Path.of("bench", "votes.lua").toAbsolutePath().toString(),
                            arena)
                    .redirectErrorStream(true);
            wrk.environment().put("IDS_FILE", ids.toString());
            wrk.environment().put("WRK_THREADS", String.valueOf(THREADS));
            Process process = wrk.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(ids);
        }
    }

    /** The votes' own time comes from the script (wrk's duration is always its whole {@code -d}). */
    static Result parse(String output) {
        Map<Integer, Long> refused = new TreeMap<>();
        Matcher m = Pattern.compile("refused (\\d+) (\\d+)").matcher(output);
        while (m.find()) {
            refused.merge(Integer.valueOf(m.group(1)), Long.valueOf(m.group(2)), Long::sum);
        }
        return new Result(
                number(output, "accepted (\\d+)") / number(output, "seconds ([\\d.]+)"),
                (long) number(output, "accepted (\\d+)"),
                number(output, "p50_us ([\\d.]+)") / 1000,
                number(output, "p99_us ([\\d.]+)") / 1000,
                refused);
    }

    private static double number(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk said nothing matching " + pattern + ":\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }
}
