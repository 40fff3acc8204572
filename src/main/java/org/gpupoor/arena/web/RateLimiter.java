package org.gpupoor.arena.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code perMinute} requests, refilled evenly over the minute, so a
 * voter can burst a little but a script cannot flood the arena or stuff the ballot box.
 */
public final class RateLimiter {
    private volatile int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    /** @param perMinute requests a client may make per minute; 0 means no limit */
    public RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** A new allowance from a config reload; buckets refill toward it from now on. */
    public void setPerMinute(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one request from the client's allowance; throws 429 with the wait when it is spent. */
    public void acquire(String client, String what) {
        if (perMinute <= 0) {
            return;
        }
        long now = nanos();
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, now));
        double missing;
        synchronized (bucket) {
            double refill = (now - bucket.updatedNanos) / 60e9 * perMinute;
            bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
            bucket.updatedNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            missing = 1 - bucket.tokens;
        }
        long waitSeconds = (long) Math.ceil(missing / perMinute * 60);
        throw new RateLimitedException(
                Duration.ofSeconds(Math.max(1, waitSeconds)),
                "Too many " + what + " from your address; this arena allows " + perMinute + " a minute. Try again in "
                        + Math.max(1, waitSeconds) + " s.");
    }

    /** Forgets clients whose allowance has filled up again; they would start full anyway. */
    public void forgetIdle() {
        long now = nanos();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().updatedNanos) / 60e9 * perMinute >= perMinute;
            }
        });
    }

    int tracked() {
        return buckets.size();
    }

    /** A monotonic clock: a wall clock set back would otherwise lock clients out. */
    private static long nanos() {
        return System.nanoTime();
    }
}
