package org.gpupoor.arena.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One scripted answer, written the way Ollama writes it, with metrics derived from what was sent. */
final class Generation {
    private final FakeOllama server;
    private final HttpExchange exchange;
    private final ModelScript script;
    private final boolean chat;
    private final boolean stream;
    private final Duration keepAlive;
    private long loadNanos;

    Generation(
            FakeOllama server,
            HttpExchange exchange,
            ModelScript script,
            boolean chat,
            boolean stream,
            Duration keepAlive) {
        this.keepAlive = keepAlive;
        this.server = server;
        this.exchange = exchange;
        this.script = script;
        this.chat = chat;
        this.stream = stream;
    }

    void run() throws IOException {
        GpuMemory gpu = server.gpu();
        if (gpu == null) {
            answer();
            return;
        }
        loadNanos = gpu.acquire(script.tag, script.footprintBytes(), server);
        try {
            answer();
        } finally {
            gpu.release(script.tag, keepAlive);
        }
    }

    private void answer() throws IOException {
        long start = System.nanoTime();
        if (!server.sleep(script.loadMillis)) {
            return;
        }
        if (script.failStatus != 0) {
            FakeOllama.sendJson(exchange, script.failStatus, FakeOllama.error(script.failMessage));
            return;
        }
        long loaded = System.nanoTime();
        if (!stream) {
            StringBuilder all = new StringBuilder();
            for (String t : script.tokens) {
                server.sleep(script.tokenMillis);
                all.append(t);
            }
            FakeOllama.sendJson(exchange, 200, last(all.toString(), script.tokens.size(), start, loaded));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        server.streamOpened();
        try {
            OutputStream out = exchange.getResponseBody();
            int sent = 0;
            for (String token : script.tokens) {
                if (sent == script.errorAfter) {
                    line(out, FakeOllama.error("an error was encountered while running the model"));
                    return;
                }
                if (sent == script.dropAfter) {
                    throw new FakeOllama.DropConnection();
                }
                if (sent == script.pauseAfter && !server.holdUntil(script.resumed)) {
                    return;
                }
                if (sent > 0 && !server.sleep(script.tokenMillis)) {
                    return;
                }
                line(out, piece(token, false));
                sent++;
            }
            if (script.goesSilent) {
                server.sleep(Long.MAX_VALUE / 2_000_000);
                return;
            }
            while (script.neverEnd) {
                if (!server.sleep(Math.max(20, script.tokenMillis))) {
                    return;
                }
                line(out, piece("", false)); // fails once the client has gone, ending this stream
            }
            ObjectNode done = last("", sent, start, loaded);
            line(out, done);
            out.close();
        } finally {
            server.streamClosed();
        }
    }

    private ObjectNode piece(String text, boolean done) {
        ObjectNode node = FakeOllama.json().createObjectNode();
        node.put("model", script.tag).put("created_at", FakeOllama.now());
        if (chat) {
            node.putObject("message").put("role", "assistant").put("content", text);
        } else {
            node.put("response", text);
        }
        node.put("done", done);
        return node;
    }

    private ObjectNode last(String text, int evalCount, long start, long loaded) {
        long end = System.nanoTime();
        ObjectNode node = piece(text, true);
        node.put("done_reason", script.doneReason)
                .put("total_duration", end - start)
                .put("load_duration", server.gpu() == null ? loaded - start : loadNanos)
                .put("prompt_eval_count", 12)
                .put("prompt_eval_duration", 1_000_000)
                .put("eval_count", evalCount)
                .put("eval_duration", Math.max(1, end - loaded));
        return node;
    }

    private static void line(OutputStream out, ObjectNode node) throws IOException {
        out.write((FakeOllama.json().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
