package org.gpupoor.arena.opendata;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import org.gpupoor.arena.rating.AnswerStyle;
import org.gpupoor.arena.store.ExportedBattle;
import org.gpupoor.arena.store.SideRecord;
import org.gpupoor.arena.store.TurnRecord;

/**
 * One JSON object per line, with the field names of the public arena datasets (question_id,
 * model_a, model_b, winner, judge, conversation_a/b, turn, anony, tstamp) plus this arena's sizes and
 * speed metrics. The schema is documented in README.md ("Open data").
 */
final class JsonlWriter implements ExportFormat.Writer {
    private final JsonGenerator json;
    private final boolean includeText;

    JsonlWriter(OutputStream out, boolean includeText) throws IOException {
        this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        this.json.setRootValueSeparator(new SerializedString("\n"));
        this.includeText = includeText;
    }

    @Override
    public void write(ExportedBattle b) throws IOException {
        json.writeStartObject();
        json.writeStringField("question_id", PublicIds.of(b.id()));
        json.writeNumberField("tstamp", b.votedAt().toEpochMilli() / 1000.0);
        json.writeStringField("created_at", b.createdAt().toString());
        json.writeStringField("voted_at", b.votedAt().toString());
        json.writeStringField("model_a", b.modelA());
        json.writeStringField("model_b", b.modelB());
        json.writeStringField("winner", Winners.toWire(b.outcome()));
        json.writeNumberField("turn", b.turnCount());
        json.writeBooleanField("anony", true);
        nullableNumber("size_a_b", b.sizeA());
        nullableNumber("size_b_b", b.sizeB());
        json.writeBooleanField("imported", b.imported());
        json.writeStringField("judge", b.voter());
        if (includeText) {
            conversation("conversation_a", b, Side.A);
            conversation("conversation_b", b, Side.B);
        }
        metrics("metrics_a", b.a(), b.styleA());
        metrics("metrics_b", b.b(), b.styleB());
        json.writeFieldName("categories");
        if (b.categories() == null) {
            json.writeNull();
        } else {
            json.writeStartArray();
            for (String name : b.categories()) {
                json.writeString(name);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private enum Side {
        A,
        B
    }

    /** Every turn as the public datasets have it: user and assistant alternating, this side's answers. */
    private void conversation(String field, ExportedBattle b, Side which) throws IOException {
        SideRecord first = which == Side.A ? b.a() : b.b();
        json.writeFieldName(field);
        if (first == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        message("user", b.prompt());
        message("assistant", first.text());
        for (TurnRecord turn : b.followUps()) {
            SideRecord answer = which == Side.A ? turn.a() : turn.b();
            message("user", turn.prompt());
            message("assistant", answer == null ? "" : answer.text());
        }
        json.writeEndArray();
    }

    private void message(String role, String content) throws IOException {
        json.writeStartObject();
        json.writeStringField("role", role);
        json.writeStringField("content", content);
        json.writeEndObject();
    }

    private void metrics(String field, SideRecord side, AnswerStyle style) throws IOException {
        json.writeFieldName(field);
        if (side == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        nullableNumber(
                "answer_tokens",
                side.evalCount() == null ? null : side.evalCount().doubleValue());
        nullableNumber("tokens_per_second", side.tokensPerSecond());
        nullableNumber("ttft_ms", side.ttftMs() == null ? null : side.ttftMs().doubleValue());
        nullableNumber(
                "total_ms", side.totalMs() == null ? null : side.totalMs().doubleValue());
        json.writeStringField("done_reason", side.doneReason());
        nullableNumber("load_ms", side.loadMs() == null ? null : side.loadMs().doubleValue());
        if (style != null) {
            json.writeNumberField("headers", style.headers());
            json.writeNumberField("list_items", style.listItems());
            json.writeNumberField("bold", style.bold());
        }
        json.writeEndObject();
    }

    private void nullableNumber(String field, Double value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.writeNumberField(field, value.longValue());
        } else {
            json.writeNumberField(field, value);
        }
    }

    @Override
    public void close() throws IOException {
        if (json.getOutputContext().inRoot() && json.getOutputContext().getEntryCount() > 0) {
            json.writeRaw('\n');
        }
        json.close();
    }
}
