package org.gpupoor.arena.opendata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.gpupoor.arena.rating.AnswerStyle;
import org.gpupoor.arena.store.ExportedBattle;
import org.gpupoor.arena.store.SideRecord;

/**
 * RFC 4180 CSV, one battle per row, the same fields as the JSONL flattened. A text that starts
 * like a spreadsheet formula (=, +, -, @) gets a leading apostrophe, so opening the file in a
 * spreadsheet cannot run a visitor's prompt as a formula.
 */
final class CsvWriter implements ExportFormat.Writer {
    private static final List<String> COLUMNS = List.of(
            "question_id",
            "tstamp",
            "created_at",
            "voted_at",
            "model_a",
            "model_b",
            "winner",
            "turn",
            "size_a_b",
            "size_b_b",
            "imported",
            "judge",
            "answer_tokens_a",
            "answer_tokens_b",
            "tokens_per_second_a",
            "tokens_per_second_b",
            "ttft_ms_a",
            "ttft_ms_b",
            "total_ms_a",
            "total_ms_b",
            "load_ms_a",
            "load_ms_b",
            "headers_a",
            "headers_b",
            "list_items_a",
            "list_items_b",
            "bold_a",
            "bold_b",
            "categories");
    private static final List<String> TEXT_COLUMNS = List.of("prompt", "response_a", "response_b");

    private final BufferedWriter out;
    private final boolean includeText;

    CsvWriter(OutputStream stream, boolean includeText) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        this.includeText = includeText;
        List<String> header = new ArrayList<>(COLUMNS);
        if (includeText) {
            header.addAll(TEXT_COLUMNS);
        }
        row(header);
    }

    @Override
    public void write(ExportedBattle b) throws IOException {
        List<String> cells = new ArrayList<>(List.of(
                PublicIds.of(b.id()),
                String.valueOf(b.votedAt().toEpochMilli() / 1000.0),
                b.createdAt().toString(),
                b.votedAt().toString(),
                b.modelA(),
                b.modelB(),
                Winners.toWire(b.outcome()),
                String.valueOf(b.turnCount()),
                number(b.sizeA()),
                number(b.sizeB()),
                String.valueOf(b.imported()),
                b.voter() == null ? "" : b.voter(),
                tokens(b.a()),
                tokens(b.b()),
                number(b.a() == null ? null : b.a().tokensPerSecond()),
                number(b.b() == null ? null : b.b().tokensPerSecond()),
                whole(b.a() == null ? null : b.a().ttftMs()),
                whole(b.b() == null ? null : b.b().ttftMs()),
                whole(b.a() == null ? null : b.a().totalMs()),
                whole(b.b() == null ? null : b.b().totalMs()),
                whole(b.a() == null ? null : b.a().loadMs()),
                whole(b.b() == null ? null : b.b().loadMs()),
                count(b.styleA(), AnswerStyle::headers),
                count(b.styleB(), AnswerStyle::headers),
                count(b.styleA(), AnswerStyle::listItems),
                count(b.styleB(), AnswerStyle::listItems),
                count(b.styleA(), AnswerStyle::bold),
                count(b.styleB(), AnswerStyle::bold),
                b.categories() == null ? "" : String.join(";", b.categories())));
        if (includeText) {
            cells.add(safeText(b.a() == null ? null : b.prompt()));
            cells.add(safeText(b.a() == null ? null : b.a().text()));
            cells.add(safeText(b.b() == null ? null : b.b().text()));
        }
        row(cells);
    }

    private static String tokens(SideRecord side) {
        return side == null || side.evalCount() == null ? "" : String.valueOf(side.evalCount());
    }

    private static String count(AnswerStyle style, ToIntFunction<AnswerStyle> field) {
        return style == null ? "" : String.valueOf(field.applyAsInt(style));
    }

    private static String number(Double value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String whole(Long value) {
        return value == null ? "" : String.valueOf(value);
    }

    static String safeText(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }

    private void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
