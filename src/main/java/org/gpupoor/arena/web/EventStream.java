package org.gpupoor.arena.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.gpupoor.arena.battle.BattleEvent;
import org.gpupoor.arena.battle.LiveBattle;

/**
 * Server-sent events for one battle. Each connection reads the battle's event list from where
 * it left off ({@code Last-Event-ID}, or {@code ?after=N}), so a late or reconnecting client gets
 * everything it missed, and a slow client never holds up generation.
 */
public final class EventStream {
    private static final long HEARTBEAT_MILLIS = 15_000;

    private final ObjectMapper json;
    private final Clock clock;

    public EventStream(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** True when the client asks for events rather than JSON (its Accept header names them). */
    static boolean wanted(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    void stream(Context ctx, LiveBattle battle, int status) throws IOException {
        long lastSeen = resumePoint(ctx);
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        OutputStream out = res.getOutputStream();
        battle.watcherJoined();
        try {
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                List<BattleEvent> batch = battle.eventsAfter(lastSeen, HEARTBEAT_MILLIS);
                if (batch.isEmpty()) {
                    out.write(": still working\n\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    StringBuilder frames = new StringBuilder();
                    for (BattleEvent event : batch) {
                        frames.append("id: ")
                                .append(event.id())
                                .append('\n')
                                .append("event: ")
                                .append(event.name())
                                .append('\n')
                                .append("data: ")
                                .append(json.writeValueAsString(event.data()))
                                .append("\n\n");
                    }
                    out.write(frames.toString().getBytes(StandardCharsets.UTF_8));
                    lastSeen = batch.get(batch.size() - 1).id();
                }
                out.flush();
                if (!batch.isEmpty() && batch.get(batch.size() - 1).isEnd()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away; the battle goes on without it (until it counts as abandoned).
        } finally {
            battle.watcherLeft(clock.instant());
        }
    }

    /**
     * Where the client left off. A malformed position is refused rather than read as "from the
     * start": a client with a bug would otherwise be sent the whole battle again, silently.
     */
    static long resumePoint(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        if (header != null) {
            return position(header, "The Last-Event-ID header");
        }
        String after = ctx.queryParam("after");
        return after == null ? 0 : position(after, "after");
    }

    private static long position(String value, String what) {
        if (value.isEmpty()) {
            return 0; // no position given: from the start
        }
        if (!value.matches("[0-9]{1,18}")) {
            String shown = value.length() > 20 ? value.substring(0, 20) + "…" : value;
            throw ApiException.badRequest(what + " must be an event id (a whole number, 0 or more), was '"
                    + shown.replaceAll("\\p{Cntrl}", "?") + "'.");
        }
        return Long.parseLong(value);
    }
}
