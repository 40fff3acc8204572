package org.gpupoor.arena.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** Board reads as an outside client makes them: {@link Wrk} with {@code bench/reads.lua} (conditional GETs). */
record WrkReads(double perSecond, double p50Ms, double p99Ms, double notModifiedShare, long errors) {

    static WrkReads run(String arena, int connections, Duration phase) throws IOException, InterruptedException {
        return parse(Wrk.run("reads.lua", arena, connections, phase, Map.of()));
    }

    static WrkReads parse(String output) {
        double fresh = Wrk.number(output, "fresh");
        double notModified = Wrk.number(output, "not_modified");
        double answered = fresh + notModified;
        return new WrkReads(
                answered / Wrk.number(output, "seconds"),
                Wrk.number(output, "p50_us") / 1000,
                Wrk.number(output, "p99_us") / 1000,
                answered == 0 ? 0 : notModified / answered,
                (long) Wrk.number(output, "errors"));
    }
}
