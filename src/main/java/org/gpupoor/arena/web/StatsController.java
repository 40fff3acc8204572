package org.gpupoor.arena.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Duration;
import org.gpupoor.arena.funstats.FunStats;

/** The fun stats, served as the boards are: built once per version of the data, with an ETag. */
public final class StatsController {
    private final FunStats stats;
    private final BoardCache cache;

    public StatsController(FunStats stats, ObjectMapper json) {
        this.stats = stats;
        this.cache = new BoardCache(json);
    }

    public void stats(Context ctx) {
        stats.requireBoards();
        // Counting votes per hour reads the whole log: under a stream of votes it is redone every few seconds.
        cache.serve(ctx, "stats", stats.version(), Duration.ofSeconds(5), stats::report);
    }
}
