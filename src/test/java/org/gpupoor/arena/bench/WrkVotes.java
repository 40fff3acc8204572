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
 * Votes as an outside client sends them: {@link Wrk} with {@code bench/votes.lua} posting one
 * vote per battle over kept-alive connections; the benchmark's own Java voters run beside it for
 * comparison.
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

    private WrkVotes() {}

    /** Votes once on each of {@code battleIds}, over {@code connections} kept-alive connections, for at most {@code phase}. */
    static Result run(String arena, List<String> battleIds, int connections, Duration phase)
            throws IOException, InterruptedException {
        Path ids = Files.createTempFile("wrk-battles", ".txt");
        try {
            Files.write(ids, battleIds, StandardCharsets.UTF_8);
            return parse(Wrk.run("votes.lua", arena, connections, phase, Map.of("IDS_FILE", ids.toString())));
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
                Wrk.number(output, "accepted") / Wrk.number(output, "seconds"),
                (long) Wrk.number(output, "accepted"),
                Wrk.number(output, "p50_us") / 1000,
                Wrk.number(output, "p99_us") / 1000,
                refused);
    }
}
