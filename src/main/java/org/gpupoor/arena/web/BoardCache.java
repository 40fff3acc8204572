package org.gpupoor.arena.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Board reads without per-request work: each board's JSON is built once per version of the
 * data behind it and kept as bytes, with an ETag, so a crowd refreshing the leaderboard costs a
 * map lookup and a write (or a 304 when their copy is current), not a sort and a serialisation.
 * Requests that find a board out of date share one rebuild.
 */
final class BoardCache {
    private record Entry(String etag, byte[] body, long builtAt) {}

    private final ObjectMapper json;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> rebuilding = new ConcurrentHashMap<>();

    BoardCache(ObjectMapper json) {
        this.json = json;
    }

    void serve(Context ctx, String name, String version, Supplier<Object> board) {
        serve(ctx, name, version, Duration.ZERO, board);
    }

    /**
     * Answers with the board {@code name} at {@code version}, building it with {@code board} only
     * when that version is new, and at most once per {@code minAge}: a board costly to build (the
     * ELO history replays the log) may lag the votes by that much.
     */
    void serve(Context ctx, String name, String version, Duration minAge, Supplier<Object> board) {
        String etag = "\"" + name + "-" + version + "\"";
        Entry entry = entries.get(name);
        if (!usable(entry, etag, minAge)) {
            synchronized (rebuilding.computeIfAbsent(name, k -> new Object())) {
                entry = entries.get(name);
                if (!usable(entry, etag, minAge)) {
                    entry = new Entry(etag, write(board.get()), System.nanoTime());
                    entries.put(name, entry);
                }
            }
        }
        ctx.header("ETag", entry.etag());
        ctx.header("Cache-Control", "no-cache");
        if (matches(ctx.header("If-None-Match"), entry.etag())) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType("application/json").result(entry.body());
    }

    private static boolean usable(Entry entry, String etag, Duration minAge) {
        return entry != null && (entry.etag().equals(etag) || System.nanoTime() - entry.builtAt() < minAge.toNanos());
    }

    /** If-None-Match as HTTP defines it: a list of tags, weak or strong, or "*". */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private byte[] write(Object board) {
        try {
            return json.writeValueAsBytes(board);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A board could not be written as JSON", e);
        }
    }
}
