package org.gpupoor.arena.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: so many requests a minute (or an hour), refilled evenly over the
 * period, so a voter can burst a little but a script cannot flood the arena or stuff the ballot box.
 */
public final class RateLimiter {
    private volatile int allowance;
    private final double periodNanos;
    private final String periodName;
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
        this(perMinute, Duration.ofMinutes(1), "a minute");
    }

    private RateLimiter(int allowance, Duration period, String periodName) {
        this.allowance = allowance;
        this.periodNanos = period.toNanos();
        this.periodName = periodName;
    }

    /** {@code perHour} requests a client may make per hour; 0 means no limit. */
    public static RateLimiter perHour(int perHour) {
        return new RateLimiter(perHour, Duration.ofHours(1), "an hour");
    }

    /** A new allowance (per this limiter's period) from a config reload; buckets refill toward it from now on. */
    public void setPerMinute(int allowance) {
        setAllowance(allowance);
    }

    public void setAllowance(int allowance) {
        this.allowance = allowance;
    }

    /** Takes one request from the client's allowance; throws 429 with the wait when it is spent. */
    public void acquire(String client, String what) {
        int limit = allowance;
        if (limit <= 0) {
            return;
        }
        long now = nanos();
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(limit, now));
        double missing;
        synchronized (bucket) {
            double refill = (now - bucket.updatedNanos) / periodNanos * limit;
            bucket.tokens = Math.min(limit, bucket.tokens + refill);
            bucket.updatedNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            missing = 1 - bucket.tokens;
        }
        long waitSeconds = Math.max(1, (long) Math.ceil(missing / limit * periodNanos / 1e9));
        throw new RateLimitedException(
                Duration.ofSeconds(waitSeconds),
                "Too many " + what + " from your address; this arena allows " + limit + " " + periodName
                        + ". Try again in " + waitSeconds + " s.");
    }

    /** Forgets clients whose allowance has filled up again; they would start full anyway. */
    public void forgetIdle() {
        long now = nanos();
        int limit = allowance;
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().updatedNanos) / periodNanos * limit >= limit;
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
