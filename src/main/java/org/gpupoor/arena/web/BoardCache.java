package org.gpupoor.arena.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Board reads without per-request work: each board's JSON is built once per version of the
 * data behind it and kept as bytes, with an ETag, so a crowd refreshing the leaderboard costs a
 * map lookup and a write (or a 304 when their copy is current), not a sort and a serialisation.
 */
final class BoardCache {
    private record Entry(String etag, byte[] body) {
    }

    private final ObjectMapper json;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    BoardCache(ObjectMapper json) {
        this.json = json;
    }

    /** Answers with the board {@code name} at {@code version}, building it with {@code board} only when that version is new. */
    void serve(Context ctx, String name, String version, Supplier<Object> board) {
        String etag = "\"" + name + "-" + version + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        Entry entry = entries.get(name);
        if (entry == null || !entry.etag().equals(etag)) {
            try {
                entry = new Entry(etag, json.writeValueAsBytes(board.get()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A board could not be written as JSON", e);
            }
            entries.put(name, entry);
        }
        ctx.contentType("application/json").result(entry.body());
    }
}
