package org.gpupoor.arena.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects the figures of one benchmark run and writes them as BENCHMARKS.md. */
final class Report {
    private final boolean smoke;
    private final List<String> footprint = new ArrayList<>();
    private final List<String> streaming = new ArrayList<>();
    private final List<String> votes = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private final List<String> wrkVotes = new ArrayList<>();
    private final List<String> wrkReads = new ArrayList<>();
    private final List<String> goals = new ArrayList<>();
    private final List<String> startups = new ArrayList<>();
    private String setup = "";
    private double startupRss;
    private double peakRss;

    Report(boolean smoke) {
        this.smoke = smoke;
    }

    void setup(int tokens, long pace, long jarBytes) {
        String options = System.getenv()
                .getOrDefault("ARENA_JAVA_OPTS", "")
                .replace(java.nio.file.Path.of("").toAbsolutePath() + "/", "");
        setup = String.format(
                Locale.ROOT,
                """
                - Machine: %s
                - Command: `bench/run` (%s), %s
                - Arena: `java %s-jar target/gpu-poor-arena.jar` (%.1f MB jar), its own process, SQLite log (votes flushed to disk before they are acknowledged)
                - Ollama test server: its own process, %d tokens per answer, one every %d ms after the first
                - Load: this benchmark's own process, a minimal HTTP/1.1 client (kept-alive sockets, TCP_NODELAY) on loopback; votes also from wrk (its own process)
                """,
                ArenaBenchmark.machine(),
                LocalDate.now(),
                smoke ? "smoke run" : "full run",
                options.isBlank() ? "" : options.trim() + " ",
                jarBytes / 1e6,
                tokens,
                pace);
    }

    void startup(int log, long millis, long boardsMillis, double rssMb) {
        footprint.add(
                String.format(Locale.ROOT, "| %,d | %d ms | %d ms | %.0f MB |", log, millis, boardsMillis, rssMb));
        startups.add(String.format(
                Locale.ROOT,
                "| Start to first successful request, %,d-battle log | < 1.5 s | %d ms | %s |",
                log,
                millis,
                millis < 1500 ? "met" : "**not met**"));
        if (startupRss == 0) {
            startupRss = rssMb;
        }
    }

    void idleAfter(int log, double rssMb) {
        int last = footprint.size() - 1;
        footprint.set(last, footprint.get(last) + String.format(Locale.ROOT, " %.0f MB |", rssMb));
    }

    void streaming(int battles, Streams direct, Streams arena, double peakRssMb) {
        Stats d = Stats.of(direct.firstTokenMs());
        Stats a = Stats.of(arena.firstTokenMs());
        Stats dg = Stats.of(direct.gapsMs());
        Stats ag = Stats.of(arena.gapsMs());
        double ratio = Stats.of(arena.tokensPerSecond()).median()
                / Stats.of(direct.tokensPerSecond()).median();
        streaming.add(String.format(
                Locale.ROOT,
                "| %d | %.1f / %.1f ms | %.1f / %.1f ms | **%+.1f / %+.1f ms** | %.1f / %.1f ms | %.1f / %.1f ms | **%.3f** | %.0f MB | %d |",
                battles,
                d.median(),
                d.percentile(99),
                a.median(),
                a.percentile(99),
                a.median() - d.median(),
                a.percentile(99) - d.percentile(99),
                dg.median(),
                dg.percentile(99),
                ag.median(),
                ag.percentile(99),
                ratio,
                peakRssMb,
                direct.failures() + arena.failures()));
        if (battles == 1 || battles == 16) {
            double limit = battles == 1 ? 2 : 5;
            goal(
                    String.format(
                            Locale.ROOT,
                            "First token added by the arena at %d battle%s, p50",
                            battles,
                            battles == 1 ? "" : "s"),
                    String.format(Locale.ROOT, "< %.0f ms", limit),
                    String.format(Locale.ROOT, "%+.1f ms", a.median() - d.median()),
                    a.median() - d.median() < limit);
        }
        if (battles == 16 || smoke) {
            peakRss = Math.max(peakRss, peakRssMb);
        }
        if (battles == 64 || smoke) {
            goal(
                    "Tokens/s through the arena over direct at " + battles + " battles",
                    "≥ 0.99",
                    String.format(Locale.ROOT, "%.4f", ratio),
                    ratio >= 0.99);
        }
    }

    void votes(int log, int voters, Load.Result result) {
        votes.add(String.format(
                Locale.ROOT,
                "| %,d | %d | %.0f | %.2f ms | %.2f ms | %d |",
                log,
                voters,
                result.perSecond(),
                result.latencyMs().median(),
                result.latencyMs().percentile(99),
                result.unexpected()));
    }

    void wrkVotes(int log, boolean opened, WrkVotes.Result result) {
        wrkVotes.add(String.format(
                Locale.ROOT,
                "| %,d | %s | 64 | %.0f | %.2f ms | %.2f ms | %d |",
                log,
                opened ? "in memory (opened)" : "read from the log",
                result.perSecond(),
                result.p50Ms(),
                result.p99Ms(),
                result.refusedTotal()));
        goal(
                String.format(
                        Locale.ROOT,
                        "Votes from wrk at 64 connections, %,d-battle log, battles %s",
                        log,
                        opened ? "in memory" : "read from the log"),
                "≥ 2,000/s, p99 < 50 ms",
                String.format(Locale.ROOT, "%.0f/s, p99 %.1f ms", result.perSecond(), result.p99Ms()),
                result.perSecond() >= 2000 && result.p99Ms() < 50 && result.refusedTotal() == 0);
    }

    void reads(int log, Load.Result result) {
        reads.add(String.format(
                Locale.ROOT,
                "| %,d | %.0f | %.2f ms | %.2f ms | %.0f%% | %d |",
                log,
                result.perSecond(),
                result.latencyMs().median(),
                result.latencyMs().percentile(99),
                100 * result.notModifiedShare(),
                result.unexpected()));
    }

    /** Reads from wrk while {@code voted} changed the board ({@code votesPerSecond} a second, or 0 for flat out). */
    void wrkReads(int log, int votesPerSecond, Load.Result voted, WrkReads result) {
        String votes = votesPerSecond == 0
                ? String.format(Locale.ROOT, "4 voters flat out, %.0f votes/s", voted.perSecond())
                : String.format(Locale.ROOT, "paced, %.0f votes/s", voted.perSecond());
        wrkReads.add(String.format(
                Locale.ROOT,
                "| %,d | %s | %.0f | %.2f ms | %.2f ms | %.0f%% | %d |",
                log,
                votes,
                result.perSecond(),
                result.p50Ms(),
                result.p99Ms(),
                100 * result.notModifiedShare(),
                result.errors()));
        if (votesPerSecond != 0) {
            return; // the goal is set with the voters flat out
        }
        goal(
                String.format(Locale.ROOT, "Board reads from wrk while 4 voters vote flat out, %,d-battle log", log),
                "≥ 10,000/s",
                String.format(Locale.ROOT, "%.0f/s, p99 %.1f ms", result.perSecond(), result.p99Ms()),
                result.perSecond() >= 10_000 && result.errors() == 0);
    }

    private void goal(String what, String target, String measured, boolean met) {
        goals.add("| " + what + " | " + target + " | " + measured + " | " + (met ? "met" : "**not met**") + " |");
    }

    static final String ANALYSIS_HEADING = "## Where the time goes";
    static final String WARM_HEADING = "## Warm arena";

    /** The hand-written analysis at the end of the last BENCHMARKS.md, kept when the figures are rewritten. */
    static String analysisOf(java.nio.file.Path file) throws java.io.IOException {
        if (!java.nio.file.Files.exists(file)) {
            return "";
        }
        String text = java.nio.file.Files.readString(file);
        // The warm arena's table (bench/warm --write) sits just before the analysis: kept with it.
        int warm = text.indexOf(WARM_HEADING);
        int at = warm >= 0 ? warm : text.indexOf(ANALYSIS_HEADING);
        return at < 0 ? "" : "\n" + text.substring(at);
    }

    String markdown() {
        goals.addAll(startups);
        goal(
                "Resident memory idle / peak under 16 battles at once",
                "< 200 MB",
                String.format(Locale.ROOT, "%.0f / %.0f MB", startupRss, peakRss),
                startupRss < 200 && peakRss < 200);
        return "# Benchmarks\n\n" + (smoke ? "Smoke run: every phase for a moment; the figures mean little.\n\n" : "")
                + setup
                + "\nMedians and 99th percentiles are over every measurement of one run; timings on a shared machine are noisy.\n\n"
                + "## Goals\n\n| Goal | Target | Measured | |\n|---|---|---|---|\n" + String.join("\n", goals)
                + "\n\n## Streaming overhead\n\nClients send a prompt and read tokens: straight from the test server (two streams per battle, "
                + "to match a battle's load), or through the arena (one POST that asks for the new battle's event stream and reads it, both sides generating at once). "
                + "First token is timed from the moment the request is sent. The arena has made "
                + ArenaBenchmark.WARM_UP_BATTLES
                + " battles before (the JIT has compiled its battle path, as in an arena that has been up a while), "
                + "and each client waits " + Streams.PAUSE_MILLIS
                + " ms between its battles, as a voter reads before the next.\n\n"
                + "| Battles at once | First token direct p50 / p99 | First token via arena p50 / p99 | Added p50 / p99 | Gap direct p50 / p99 | Gap via arena p50 / p99 | Tokens/s via arena ÷ direct | Arena RSS peak | Failures |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n" + String.join("\n", streaming)
                + "\n\n## Votes\n\nEach vote is on disk (fsync) before it is acknowledged, one vote per battle. **From wrk** (`bench/votes.lua`), "
                + "a client in a process of its own, 64 kept-alive connections, 2 threads; battles in the arena's memory (their page opened them, "
                + "as after generation: four rounds of 1,800, each voted on to its last, under the 2,000 read-back battles the arena keeps) "
                + "or read from the log (opened by nobody since the arena started):\n\n"
                + "| Battles in log | Battles | Connections | Votes/s | p50 | p99 | Non-200 |\n|---:|---|---:|---:|---:|---:|---:|\n"
                + (wrkVotes.isEmpty() ? "| wrk was not installed | | | | | | |" : String.join("\n", wrkVotes))
                + "\n\nFrom **this benchmark's own Java client** (a thread per voter, 8,000 battles opened first, of which the arena keeps the latest 2,000 in memory), for comparison:\n\n"
                + "| Battles in log | Voters | Votes/s | p50 | p99 | Non-200 |\n|---:|---:|---:|---:|---:|---:|\n"
                + String.join("\n", votes)
                + "\n\n## Board reads\n\nClients refresh `GET /api/leaderboard` as browsers do (If-None-Match) while four voters "
                + "(this benchmark's Java client) keep changing it. **From wrk** (`bench/reads.lua`), its own process, 64 kept-alive connections, 2 threads, "
                + "each thread sending the last ETag it was given; the votes meanwhile come flat out or paced:\n\n"
                + "| Battles in log | Votes meanwhile | Requests/s | p50 | p99 | Answered 304 | Errors |\n|---:|---|---:|---:|---:|---:|---:|\n"
                + (wrkReads.isEmpty() ? "| wrk was not installed | | | | | | |" : String.join("\n", wrkReads))
                + "\n\nFrom **this benchmark's own Java client** (64 reader threads in the benchmark's process, which shares the two cores with the arena), for comparison:\n\n"
                + "| Battles in log | Requests/s | p50 | p99 | Answered 304 | Errors |\n|---:|---:|---:|---:|---:|---:|\n"
                + String.join("\n", reads)
                + "\n\n## Footprint\n\n| Battles in log | Start to first request | Boards ready | RSS after start | RSS after the load |\n|---:|---:|---:|---:|---:|\n"
                + String.join("\n", footprint) + "\n";
    }
}
