package org.gpupoor.arena.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.gpupoor.arena.store.Database;

/**
 * The arena's performance, measured from outside: the packaged jar runs as its own process
 * against the Ollama test server (another process), and this process drives it over HTTP.
 * {@code bench/run} builds and starts it; {@code --smoke} runs every phase for a moment.
 * Writes BENCHMARKS.md (or, for a smoke, prints the figures).
 */
public final class ArenaBenchmark {
    static final int MODELS = 6;
    /** Battles opened per round of in-memory votes: under the 2,000 read-back battles the arena keeps (LiveBattles). */
    private static final int OPENED_PER_ROUND = 1_800;
    /** Battles (16 at a time) that warm the arena up before its streams are timed. */
    static final int WARM_UP_BATTLES = 400;

    private final boolean smoke;
    private final Duration phase;
    private final Path jar;
    private final String classpath = System.getProperty("java.class.path");
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Report report;
    private final List<String> phases;
    private final List<Integer> logs;
    private final int tokens;
    private final long pace = 20;
    private String ollamaUrl;

    private ArenaBenchmark(boolean smoke, List<String> phases, List<Integer> logs, Path jar) {
        this.smoke = smoke;
        this.phases = phases;
        this.logs = logs;
        this.tokens = smoke ? 10 : 40;
        this.phase = smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(6);
        this.jar = jar;
        this.report = new Report(smoke);
    }

    static String tag(int model) {
        return "m" + model + ":1b";
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        int only = List.of(args).indexOf("--only");
        List<String> phases = only >= 0 && only + 1 < args.length
                ? List.of(args[only + 1].split(","))
                : List.of("streaming", "votes", "reads");
        int logsAt = List.of(args).indexOf("--logs");
        List<Integer> logs = logsAt >= 0 && logsAt + 1 < args.length
                ? java.util.Arrays.stream(args[logsAt + 1].split(","))
                        .map(Integer::valueOf)
                        .toList()
                : List.of(10_000, 1_000_000);
        ArenaBenchmark bench = new ArenaBenchmark(smoke, phases, logs, Path.of("target", "gpu-poor-arena.jar"));
        String markdown = bench.run();
        if (smoke || only >= 0 || logsAt >= 0) {
            System.out.println(markdown);
        } else {
            Files.writeString(Path.of("BENCHMARKS.md"), markdown + Report.analysisOf(Path.of("BENCHMARKS.md")));
            System.out.println(markdown);
            System.out.println("Written to BENCHMARKS.md");
        }
        System.exit(0);
    }

    private String run() throws Exception {
        Process ollama = new ProcessBuilder(
                        javaBinary(),
                        "-cp",
                        classpath,
                        FakeOllamaServer.class.getName(),
                        String.valueOf(MODELS),
                        String.valueOf(tokens),
                        String.valueOf(pace))
                .redirectErrorStream(true)
                .start();
        try {
            ollamaUrl = new BufferedReader(new InputStreamReader(ollama.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            report.setup(tokens, pace, Files.size(jar));
            List<Integer> logs = smoke ? List.of(2_000) : this.logs;
            for (int log : logs) {
                runWithLog(log, log == logs.get(0));
            }
        } finally {
            ollama.destroy();
        }
        return report.markdown();
    }

    private void runWithLog(int logSize, boolean first) throws Exception {
        Path dir = Files.createTempDirectory("arena-bench");
        int ready = smoke ? 9_000 : 120_000;
        List<String> readyIds = Seed.fill(dir.resolve("arena.db"), logSize, ready);
        Files.writeString(dir.resolve("arena.yaml"), config());
        ArenaProcess arena = ArenaProcess.start(jar, dir, http);
        try {
            report.startup(logSize, arena.startupMillis(), arena.boardsReadyMillis(), arena.rssMb());
            if (first && phases.contains("streaming")) {
                // Warm both paths up first: the figures are a running arena's, start-up is measured above.
                // A few hundred battles, so the JIT has compiled the battle path as it has in an arena
                // that has been up for a while (twenty left it interpreted: +5 ms on every request).
                Streams.direct(ollamaUrl, 16, smoke ? 1 : WARM_UP_BATTLES / 16, 0);
                Streams.throughArena(arena.url(), 16, smoke ? 1 : WARM_UP_BATTLES / 16, 0);
                long answerMillis = tokens * pace;
                for (int clients : smoke ? new int[] {1, 4} : new int[] {1, 16, 64}) {
                    // A lone battle gives two first tokens a round: ten rounds, so its median is not one sample's.
                    int rounds = smoke ? 1 : clients == 1 ? 10 : 3;
                    Streams direct = Streams.direct(ollamaUrl, clients, rounds, answerMillis);
                    RssSampler sampler = RssSampler.start(arena.pid());
                    Streams through = Streams.throughArena(arena.url(), clients, rounds, answerMillis);
                    report.streaming(clients, direct, through, sampler.stop());
                }
            }
            ConcurrentLinkedQueue<String> battles = new ConcurrentLinkedQueue<>();
            int next = 0;
            for (int voters :
                    !phases.contains("votes") ? new int[0] : smoke ? new int[] {1, 4} : new int[] {1, 16, 64}) {
                // Enough opened battles for the phase, no more: each one held in memory costs heap.
                List<String> phaseBattles = readyIds.subList(next, next += smoke ? 500 : 8_000);
                Load.open(arena.url(), phaseBattles, 4);
                battles.clear();
                battles.addAll(phaseBattles);
                report.votes(logSize, voters, Load.votes(arena.url(), battles, voters, phase));
            }
            if (phases.contains("votes") && Wrk.available()) {
                // The same votes from wrk, a client in a process of its own: on battles in the arena's
                // memory (opened, as after generation), then on battles it must read from the log.
                // The arena keeps only the latest battles it read in memory, so the first kind comes in
                // rounds that fit, each voting on all of its battles; the second runs for the whole
                // phase on more battles than it can vote on (its rate is over the whole run).
                List<WrkVotes.Result> rounds = new ArrayList<>();
                for (int round = 0; round < (smoke ? 1 : 4); round++) {
                    List<String> roundBattles = readyIds.subList(next, next += smoke ? 500 : OPENED_PER_ROUND);
                    Load.open(arena.url(), roundBattles, 4);
                    rounds.add(WrkVotes.run(arena.url(), roundBattles, 64, Duration.ofSeconds(smoke ? 1 : 5)));
                }
                report.wrkVotes(logSize, true, WrkVotes.Result.combined(rounds));
                List<String> fromLog = readyIds.subList(next, next += smoke ? 2_000 : 40_000);
                report.wrkVotes(
                        logSize, false, WrkVotes.run(arena.url(), fromLog, 64, smoke ? Duration.ofSeconds(1) : phase));
            } else if (phases.contains("votes")) {
                System.err.println("wrk is not installed: the outside client's vote phase is left out");
            }
            battles.clear();
            battles.addAll(readyIds.subList(next, readyIds.size()));
            if (phases.contains("reads")) {
                report.reads(logSize, Load.reads(arena.url(), battles, smoke ? 8 : 64, 4, phase));
                // The same reads from wrk, while this process's voters keep changing the board: flat
                // out (as above), and at a steady 100 votes a second.
                for (int votesPerSecond : Wrk.available() ? new int[] {0, 100} : new int[0]) {
                    AtomicReference<Load.Result> voted = new AtomicReference<>();
                    Thread voting = Load.votingFor(arena.url(), battles, votesPerSecond, phase, voted);
                    WrkReads reads = WrkReads.run(arena.url(), 64, phase);
                    voting.join();
                    report.wrkReads(logSize, votesPerSecond, voted.get(), reads);
                }
            }
            report.idleAfter(logSize, arena.rssMb());
        } finally {
            arena.stop();
        }
    }

    private String config() {
        StringBuilder models = new StringBuilder();
        for (int m = 1; m <= MODELS; m++) {
            models.append("  - tag: ")
                    .append(tag(m))
                    .append("\n    name: Model ")
                    .append(m)
                    .append("\n    size_b: ")
                    .append(m)
                    .append('\n');
        }
        return """
                name: Benchmark Arena
                ollama:
                  url: %s
                generation:
                  parallel: true
                capacity:
                  max_concurrent_battles: 64
                rate_limits:
                  battles_per_minute: 0
                  votes_per_minute: 0
                voters:
                  daily_vote_cap: 0       # the whole load comes from one address
                  daily_votes_per_address: 0
                  min_read_seconds: 0
                leaderboard_file: leaderboard.json
                example_prompts:
                  - Tell me something.
                models:
                %s""".formatted(ollamaUrl, models);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Fills a fresh log: {@code history} voted battles, then {@code ready} finished battles waiting
     * for a vote, classified and counted as a running arena keeps them (a log from before
     * categories existed is classified once after start, which is an upgrade's cost, not a vote's).
     */
    static final class Seed {
        private Seed() {}

        static List<String> fill(Path file, int history, int ready) throws Exception {
            List<String> readyIds = new ArrayList<>();
            java.util.SplittableRandom random = new java.util.SplittableRandom(history);
            String now = Instant.now().toString();
            try (Database db = Database.open(file);
                    Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement battle = c.prepareStatement("""
                        INSERT INTO battles (id, created_at, prompt, model_a, model_b, size_a, size_b, status, finished_at, categories)
                        VALUES (?, ?, 'Tell me something.', ?, ?, ?, ?, 'ready', ?, ',english,')""");
                        PreparedStatement vote = c.prepareStatement(
                                "INSERT INTO votes (battle_id, outcome, voted_at, model_a, model_b) VALUES (?, ?, ?, ?, ?)");
                        PreparedStatement answer = c.prepareStatement("""
                             INSERT INTO answers (battle_id, side, text, eval_count, tokens_per_second, ttft_ms, total_ms, done_reason,
                                                  headers, list_items, bold)
                             VALUES (?, ?, 'Token token token.', 3, 40.0, 120, 200, 'stop', 0, 0, 0)""")) {
                    for (int k = 0; k < history + ready; k++) {
                        int a = 1 + random.nextInt(MODELS);
                        int b = 1 + (a + random.nextInt(MODELS - 1)) % MODELS;
                        String id =
                                String.format(Locale.ROOT, "seed%018d", k); // the shape of a real id (22 characters)
                        battle.setString(1, id);
                        battle.setString(2, now);
                        battle.setString(3, tag(a));
                        battle.setString(4, tag(b));
                        battle.setDouble(5, a);
                        battle.setDouble(6, b);
                        battle.setString(7, now);
                        battle.addBatch();
                        if (k < history) {
                            vote.setString(1, id);
                            vote.setString(
                                    2, List.of("a", "b", "tie", "both_bad").get(random.nextInt(4)));
                            vote.setString(3, now);
                            vote.setString(4, tag(a));
                            vote.setString(5, tag(b));
                            vote.addBatch();
                        } else {
                            readyIds.add(id);
                        }
                        if (k >= history - 2_000) {
                            for (String side : List.of("a", "b")) {
                                answer.setString(1, id);
                                answer.setString(2, side);
                                answer.addBatch();
                            }
                        }
                        if (k % 10_000 == 9_999) {
                            battle.executeBatch();
                            vote.executeBatch();
                            answer.executeBatch();
                        }
                    }
                    battle.executeBatch();
                    vote.executeBatch();
                    answer.executeBatch();
                }
                c.commit();
            }
            return readyIds;
        }
    }

    /** The arena jar as a separate process, as an operator runs it. */
    record ArenaProcess(Process process, String url, long startupMillis, long boardsReadyMillis) {
        static ArenaProcess start(Path jar, Path dir, HttpClient http) throws Exception {
            int port;
            try (var socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            String options = System.getenv().getOrDefault("ARENA_JAVA_OPTS", "");
            if (!options.isBlank()) {
                command.addAll(List.of(options.trim().split("\\s+")));
            }
            command.addAll(List.of(
                    "-jar",
                    jar.toAbsolutePath().toString(),
                    "--config",
                    "arena.yaml",
                    "--db",
                    "arena.db",
                    "--port",
                    String.valueOf(port)));
            long begin = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            CountDownLatch listening = new CountDownLatch(1);
            Thread copier = new Thread(() -> copyLog(process, dir.resolve("arena.log"), listening), "arena-log");
            copier.setDaemon(true);
            copier.start();
            if (!listening.await(60, TimeUnit.SECONDS)) {
                process.destroy();
                throw new IllegalStateException("The arena did not start; see " + dir.resolve("arena.log"));
            }
            String url = "http://127.0.0.1:" + port;
            HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/api/health"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> first = http.send(health, HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200) {
                throw new IllegalStateException(
                        "The arena started but its health check failed; see " + dir.resolve("arena.log"));
            }
            long answered = (System.nanoTime() - begin) / 1_000_000;
            // The boards load from the log after the port opens; the load phases start once they are ready.
            // (An arena from before that says nothing of its boards loads them before the port opens.)
            for (String body = first.body(); body.contains("\"boards\"") && !body.contains("\"boards\":\"ready\""); ) {
                if (body.contains("\"boards\":\"failed\"") || System.nanoTime() - begin > 120_000_000_000L) {
                    throw new IllegalStateException(
                            "The boards did not load within 2 minutes; see " + dir.resolve("arena.log"));
                }
                Thread.sleep(5);
                body = http.send(health, HttpResponse.BodyHandlers.ofString()).body();
            }
            return new ArenaProcess(process, url, answered, (System.nanoTime() - begin) / 1_000_000);
        }

        /** Copies the arena's output to its log file and signals once the arena says it is listening. */
        private static void copyLog(Process process, Path file, CountDownLatch listening) {
            try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    var out = Files.newBufferedWriter(file)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.contains(" is running at ")) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended; its log is as complete as it got
            }
        }

        long pid() {
            return process.pid();
        }

        double rssMb() {
            return RssSampler.rssMb(process.pid());
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** The largest resident set seen while a phase runs. */
    static final class RssSampler {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong peakKb = new AtomicLong();

        private RssSampler(long pid) {
            timer.scheduleAtFixedRate(
                    () -> peakKb.accumulateAndGet((long) (rssMb(pid) * 1024), Math::max), 0, 50, TimeUnit.MILLISECONDS);
        }

        static RssSampler start(long pid) {
            return new RssSampler(pid);
        }

        double stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            return peakKb.get() / 1024.0;
        }

        static double rssMb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                    }
                }
            } catch (IOException e) {
                return Double.NaN;
            }
            return Double.NaN;
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        long memoryKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
            memoryKb = Long.parseLong(
                    Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", ""));
        } catch (IOException | RuntimeException e) {
            // reported as unknown
        }
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %.0f GiB RAM, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memoryKb / 1024.0 / 1024.0,
                System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getVmName());
    }
}
