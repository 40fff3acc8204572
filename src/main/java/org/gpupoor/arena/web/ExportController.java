package org.gpupoor.arena.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Semaphore;
import org.gpupoor.arena.opendata.ExportFormat;
import org.gpupoor.arena.store.BattleLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/battles/export?format=jsonl|csv}: every counted battle as the log stood when
 * the export began, streamed page by page, so memory stays flat however big the log is. Two exports
 * run at once at most; a third is asked to come back, which keeps the arena responsive for voters.
 */
public final class ExportController {
    private static final Logger log = LoggerFactory.getLogger(ExportController.class);
    static final int MAX_AT_ONCE = 2;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final BattleLog battleLog;
    private final boolean countFlagged;
    private final boolean includeText;
    private final Clock clock;
    private final Semaphore slots = new Semaphore(MAX_AT_ONCE);

    public ExportController(BattleLog battleLog, boolean countFlagged, boolean includeText, Clock clock) {
        this.battleLog = battleLog;
        this.countFlagged = countFlagged;
        this.includeText = includeText;
        this.clock = clock;
    }

    public void export(Context ctx) throws IOException {
        String requested = ctx.queryParam("format");
        ExportFormat format = ExportFormat.named(requested == null ? "jsonl" : requested)
                .orElseThrow(() -> ApiException.badRequest("format must be jsonl or csv, was '" + requested + "'."));
        if (!slots.tryAcquire()) {
            ctx.header("Retry-After", "30");
            throw ApiException.unavailable("export_busy", "Other exports are running; try again in a minute.");
        }
        try {
            ctx.contentType(format.contentType());
            ctx.header(
                    "Content-Disposition",
                    "attachment; filename=\"arena-battles-" + DAY.format(clock.instant()) + "." + format.extension()
                            + "\"");
            ctx.header("Cache-Control", "no-store");
            try (ExportFormat.Writer writer = format.open(ctx.outputStream(), includeText)) {
                long written = battleLog.exportCounted(countFlagged, includeText, writer::write);
                log.info("Exported {} battles as {}", written, format.extension());
            }
        } catch (IOException e) {
            log.info("Export stopped: the client went away ({})", e.getMessage());
        } finally {
            slots.release();
        }
    }
}
