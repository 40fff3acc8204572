package org.gpupoor.arena.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ollama's scheduler as far as a voter feels it: a memory budget, a load that takes the model's
 * footprint over the load rate, idle models evicted least recently used first when a new one does
 * not fit, a request that waits while the models in memory are busy, a cap on how many are
 * loaded and on requests per model, and {@code keep_alive} expiry. Every duration is multiplied
 * by {@code timeScale}, so a simulated hour can run in a minute.
 */
public final class GpuMemory {
    /** How the simulated machine behaves. */
    public record Settings(
            long budgetBytes, double loadBytesPerSecond, int maxLoaded, int numParallel, double timeScale) {}

    /** A model in memory, as {@code /api/ps} lists it. */
    public record Resident(String tag, long bytes, Instant expiresAt) {}

    private final Settings settings;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private long loadNanosTotal;
    private int loads;
    private long mostHeld;

    GpuMemory(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    private static final class Slot {
        final long bytes;
        int busy;
        boolean loading = true;
        long lastUsed;
        long expiresAt = Long.MAX_VALUE;

        Slot(long bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * Takes the model for one request, loading it first when it is not in memory (waiting while
     * everything loaded is busy); returns the nanoseconds the request spent waiting for the load.
     */
    long acquire(String tag, long bytes, FakeOllama server) {
        long start = System.nanoTime();
        long waitingForLoad = start;
        Slot slot;
        boolean mustLoad = false;
        synchronized (this) {
            while (true) {
                expire();
                slot = slots.get(tag);
                if (slot != null && slot.busy < settings.numParallel()) {
                    break;
                }
                if (slot == null && makeRoom(bytes)) {
                    slot = new Slot(bytes);
                    slots.put(tag, slot);
                    mustLoad = true;
                    waitingForLoad = System.nanoTime();
                    mostHeld = Math.max(mostHeld, held());
                    break;
                }
                if (!await()) {
                    return System.nanoTime() - start;
                }
            }
            slot.busy++;
            if (slot.loading) {
                waitingForLoad = System.nanoTime();
            }
        }
        if (mustLoad) {
            server.sleep(scaledMillis(bytes / settings.loadBytesPerSecond() * 1000));
            synchronized (this) {
                slot.loading = false;
                loads++;
                loadNanosTotal += System.nanoTime() - waitingForLoad;
                notifyAll();
            }
        } else {
            synchronized (this) {
                while (slot.loading && await()) {
                    // another request is loading it: this one waits for the same load
                }
            }
            if (waitingForLoad == start) {
                return 0; // it was loaded: Ollama reports a load of about nothing
            }
        }
        // Ollama's load_duration: the wait for this model's load, not the wait for memory to free up.
        return System.nanoTime() - waitingForLoad;
    }

    /** Ends one request; the model stays for {@code keepAlive} (null: Ollama's 5 minutes; negative: until evicted). */
    synchronized void release(String tag, Duration keepAlive) {
        Slot slot = slots.get(tag);
        if (slot == null) {
            return;
        }
        slot.busy--;
        long now = System.nanoTime();
        slot.lastUsed = now;
        Duration kept = keepAlive == null ? Duration.ofMinutes(5) : keepAlive;
        slot.expiresAt = kept.isNegative() ? Long.MAX_VALUE : now + (long) (kept.toNanos() * settings.timeScale());
        if (slot.busy == 0 && kept.isZero()) {
            slots.remove(tag);
        }
        notifyAll();
    }

    /** Unloads the model now if no request is using it, as an empty request with keep_alive 0 does. */
    synchronized boolean unload(String tag) {
        Slot slot = slots.get(tag);
        if (slot == null || slot.busy > 0) {
            return false;
        }
        slots.remove(tag);
        notifyAll();
        return true;
    }

    /** The models in memory now, loaded or loading, as {@code /api/ps} reports them. */
    public synchronized List<Resident> residents() {
        expire();
        List<Resident> list = new ArrayList<>();
        long now = System.nanoTime();
        slots.forEach((tag, slot) -> list.add(new Resident(
                tag,
                slot.bytes,
                slot.expiresAt == Long.MAX_VALUE
                        ? Instant.now().plus(Duration.ofDays(3650))
                        : Instant.now().plusNanos(Math.max(0, slot.expiresAt - now)))));
        return list;
    }

    /** Completed loads so far. */
    public synchronized int loads() {
        return loads;
    }

    /** Wall-clock nanoseconds requests spent loading models (divide by the time scale for simulated time). */
    public synchronized long loadNanos() {
        return loadNanosTotal;
    }

    /** The largest total footprint held at once. */
    public synchronized long mostHeld() {
        return mostHeld;
    }

    private boolean makeRoom(long bytes) {
        while (held() + bytes > settings.budgetBytes() || slots.size() >= settings.maxLoaded()) {
            if (slots.isEmpty()) {
                return true; // too big for the budget even alone: Ollama still runs it, partly on the CPU
            }
            String idle = slots.entrySet().stream()
                    .filter(e -> e.getValue().busy == 0 && !e.getValue().loading)
                    .min(Comparator.comparingLong(e -> e.getValue().lastUsed))
                    .map(Map.Entry::getKey)
                    .orElse(null);
            if (idle == null) {
                return false;
            }
            slots.remove(idle);
        }
        return true;
    }

    private long held() {
        return slots.values().stream().mapToLong(s -> s.bytes).sum();
    }

    private void expire() {
        long now = System.nanoTime();
        slots.values().removeIf(s -> s.busy == 0 && !s.loading && s.expiresAt <= now);
    }

    private boolean await() {
        try {
            wait(10); // also wakes to see keep_alive expiries
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long scaledMillis(double millis) {
        return Math.round(millis * settings.timeScale());
    }

    /** Ollama's keep_alive: a duration ("30s", "5m", "1h"), seconds as a number, 0, or negative. */
    static Duration keepAlive(com.fasterxml.jackson.databind.JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Duration.ofMillis(Math.round(value.asDouble() * 1000));
        }
        String text = value.asText().trim();
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?\\d+(?:\\.\\d+)?)(ms|s|m|h)")
                .matcher(text);
        if (!m.matches()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        return Duration.ofMillis(Math.round(n * unit));
    }
}
