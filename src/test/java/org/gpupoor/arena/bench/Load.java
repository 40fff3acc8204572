package org.gpupoor.arena.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Votes and board reads at full speed from many clients for a fixed time. */
final class Load {
    /** What one phase achieved: requests per second, latencies, and how many answers were not the expected ones. */
    record Result(double perSecond, Stats latencyMs, int unexpected, double notModifiedShare) {}

    private Load() {}

    static Result votes(String arena, Queue<String> battles, int voters, Duration phase) throws InterruptedException {
        AtomicInteger unexpected = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + phase.toNanos();
        CountDownLatch done = new CountDownLatch(voters);
        long begin = System.nanoTime();
        for (int v = 0; v < voters; v++) {
            start("voter", done, () -> voteUntil(arena, battles, deadline, latencies, unexpected));
        }
        done.await();
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new Result(latencies.size() / seconds, Stats.of(latencies), unexpected.get(), 0);
    }

    /**
     * Starts voting in the background for {@code phase}, {@code perSecond} votes a second (0: four
     * voters flat out): a board that keeps changing. Its result is there once the thread ends.
     */
    static Thread votingFor(
            String arena, Queue<String> battles, int perSecond, Duration phase, AtomicReference<Result> result) {
        Thread voting = new Thread(
                () -> {
                    try {
                        result.set(
                                perSecond == 0
                                        ? votes(arena, battles, 4, phase)
                                        : paced(arena, battles, perSecond, phase));
                    } catch (InterruptedException | java.io.IOException e) {
                        System.err.println("voting failed: " + e);
                    }
                },
                "voting");
        voting.start();
        return voting;
    }

    private static Result paced(String arena, Queue<String> battles, int perSecond, Duration phase)
            throws InterruptedException, java.io.IOException {
        List<Double> latencies = new ArrayList<>();
        AtomicInteger unexpected = new AtomicInteger();
        long begin = System.nanoTime();
        long every = 1_000_000_000L / perSecond;
        try (WireClient wire = new WireClient(arena)) {
            for (long next = begin; next < begin + phase.toNanos(); next += every) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String id = battles.poll();
                if (id == null) {
                    break;
                }
                long t0 = System.nanoTime();
                if (wire.send("POST", "/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                                .status()
                        != 200) {
                    unexpected.incrementAndGet();
                }
                latencies.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return new Result(
                latencies.size() / ((System.nanoTime() - begin) / 1e9), Stats.of(latencies), unexpected.get(), 0);
    }

    /** {@code readers} clients refresh the leaderboard as a browser would (conditional GET) while {@code voters} vote. */
    static Result reads(String arena, Queue<String> battles, int readers, int voters, Duration phase)
            throws InterruptedException {
        AtomicInteger unexpected = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + phase.toNanos();
        CountDownLatch done = new CountDownLatch(readers + voters);
        long begin = System.nanoTime();
        for (int v = 0; v < voters; v++) {
            start("voter", done, () -> voteUntil(arena, battles, deadline, new ArrayList<>(), new AtomicInteger()));
        }
        for (int r = 0; r < readers; r++) {
            start("reader", done, () -> {
                String etag = "";
                try (WireClient wire = new WireClient(arena)) {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        WireClient.Response response = etag.isEmpty()
                                ? wire.send("GET", "/api/leaderboard", null)
                                : wire.send("GET", "/api/leaderboard", null, "If-None-Match", etag);
                        latencies.add((System.nanoTime() - t0) / 1e6);
                        if (response.status() == 304) {
                            notModified.incrementAndGet();
                        } else if (response.status() == 200) {
                            etag = response.headers().getOrDefault("etag", "");
                        } else {
                            unexpected.incrementAndGet();
                        }
                    }
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new Result(
                latencies.size() / seconds,
                Stats.of(latencies),
                unexpected.get(),
                latencies.isEmpty() ? 0 : notModified.get() / (double) latencies.size());
    }

    /**
     * Opens each battle once, as its voter's page does while the answers stream in: a battle
     * just generated is in the arena's memory, and the vote phase should find it there (a
     * battle read back from the log after a restart is the rarer, slower case).
     */
    static void open(String arena, List<String> ids, int clients) throws InterruptedException {
        java.util.concurrent.ConcurrentLinkedQueue<String> queue =
                new java.util.concurrent.ConcurrentLinkedQueue<>(ids);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            start("opener", done, () -> {
                try (WireClient wire = new WireClient(arena)) {
                    for (String id; (id = queue.poll()) != null; ) {
                        if (wire.send("GET", "/api/battles/" + id, null).status() != 200) {
                            throw new IllegalStateException("battle " + id + " cannot be opened");
                        }
                    }
                }
            });
        }
        done.await();
    }

    /** One voter: votes on battles from the queue until the deadline or the queue runs out. */
    private static void voteUntil(
            String arena, Queue<String> battles, long deadline, List<Double> latencies, AtomicInteger unexpected)
            throws java.io.IOException {
        try (WireClient wire = new WireClient(arena)) {
            for (String id; System.nanoTime() < deadline && (id = battles.poll()) != null; ) {
                long t0 = System.nanoTime();
                int status = wire.send("POST", "/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                        .status();
                latencies.add((System.nanoTime() - t0) / 1e6);
                if (status != 200) {
                    unexpected.incrementAndGet();
                }
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void start(String name, CountDownLatch done, Work work) {
        Thread thread = new Thread(
                () -> {
                    try {
                        work.run();
                    } catch (Exception e) {
                        System.err.println(name + " failed: " + e);
                    } finally {
                        done.countDown();
                    }
                },
                name);
        thread.start();
    }
}
