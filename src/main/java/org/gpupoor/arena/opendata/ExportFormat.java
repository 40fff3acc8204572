package org.gpupoor.arena.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;
import org.gpupoor.arena.store.ExportedBattle;

/** The two shapes of the open-data export. */
public enum ExportFormat {
    JSONL("jsonl", "application/x-ndjson; charset=utf-8"),
    CSV("csv", "text/csv; charset=utf-8");

    private final String name;
    private final String contentType;

    ExportFormat(String name, String contentType) {
        this.name = name;
        this.contentType = contentType;
    }

    public String extension() {
        return name;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ExportFormat> named(String value) {
        return Arrays.stream(values()).filter(f -> f.name.equals(value)).findFirst();
    }

    /** Writes battles one at a time; {@link #close()} flushes what is left. */
    public interface Writer extends AutoCloseable {
        void write(ExportedBattle battle) throws IOException;

        @Override
        void close() throws IOException;
    }

    public Writer open(OutputStream out, boolean includeText) throws IOException {
        return this == JSONL ? new JsonlWriter(out, includeText) : new CsvWriter(out, includeText);
    }
}
