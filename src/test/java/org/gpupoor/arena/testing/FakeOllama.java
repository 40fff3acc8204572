package org.gpupoor.arena.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Ollama that speaks its HTTP API over a real socket: /api/tags, /api/show,
 * /api/chat and /api/generate (streamed NDJSON or single JSON), /api/ps, /api/version. Each
 * model's behaviour is scripted: its tokens, load delay, pace, and how it fails.
 */
public final class FakeOllama implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile CountDownLatch tagsGate = new CountDownLatch(0);
    private volatile GpuMemory gpu;
    private volatile boolean psMissing;

    private final HttpServer server;
    private final Map<String, ModelScript> models = new ConcurrentHashMap<>();
    private final Map<String, ModelScript> registry = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger mostOpenStreams = new AtomicInteger();

    /** A request as the server received it. */
    public record Request(String method, String path, Map<String, List<String>> headers, JsonNode body) {}

    static {
        // Ollama (Go's net/http) sends each piece at once, without Nagle's algorithm; so must the
        // fake, or every streamed piece after the headers waits for a delayed ACK (about 40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeOllama() throws IOException {
        this(0);
    }

    /** On a given port, to play an Ollama that comes back where it was. */
    public FakeOllama(int port) throws IOException {
        // A deep accept queue: a vote storm opens a hundred streams at once, as a busy arena does.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-ollama");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Adds (or replaces) a model; the returned script says how it behaves. */
    public ModelScript model(String tag, String parameterSize) {
        ModelScript script = new ModelScript(tag, parameterSize);
        models.put(tag, script);
        return script;
    }

    /** A model the registry has: {@code /api/pull} installs it (until then Ollama does not list it). */
    public ModelScript pullable(String tag, String parameterSize) {
        ModelScript script = new ModelScript(tag, parameterSize);
        registry.put(tag, script);
        return script;
    }

    /**
     * Gives this Ollama a GPU: models load into a memory budget, take time to load and are
     * evicted as Ollama's scheduler does (see {@link GpuMemory}). Without it every model is
     * always loaded and nothing is listed by /api/ps.
     */
    public GpuMemory gpu(GpuMemory.Settings settings) {
        gpu = new GpuMemory(settings);
        return gpu;
    }

    /** Plays an Ollama too old to have /api/ps (404). */
    public void withoutPs() {
        psMissing = true;
    }

    public GpuMemory gpu() {
        return gpu;
    }

    /** Holds every /api/tags answer until {@code gate} opens: an Ollama that is slow to list its models. */
    public void holdModelList(CountDownLatch gate) {
        tagsGate = gate;
    }

    public void remove(String tag) {
        models.remove(tag);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Chat and generate streams currently being written. */
    public int openStreams() {
        return openStreams.get();
    }

    /** The most streams that were open at the same time. */
    public int mostOpenStreams() {
        return mostOpenStreams.get();
    }

    void streamOpened() {
        mostOpenStreams.accumulateAndGet(openStreams.incrementAndGet(), Math::max);
    }

    synchronized void streamClosed() {
        openStreams.decrementAndGet();
        notifyAll();
    }

    /** Waits until no chat or generate stream is open; false if some still are after {@code timeout}. */
    public synchronized boolean awaitNoOpenStreams(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (openStreams.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    /** Thrown to make the HTTP server cut the socket instead of ending the response properly. */
    static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("fake Ollama drops the connection on purpose", null, false, false);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean dropping = false;
        try {
            String path = exchange.getRequestURI().getPath();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            requests.add(
                    new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
            switch (exchange.getRequestMethod() + " " + path) {
                case "GET /" -> send(exchange, 200, "text/plain; charset=utf-8", "Ollama is running");
                case "GET /api/version" ->
                    sendJson(exchange, 200, JSON.createObjectNode().put("version", "0.12.6"));
                case "GET /api/tags" -> {
                    awaitOpen(tagsGate);
                    sendJson(exchange, 200, tags());
                }
                case "GET /api/ps" -> {
                    if (psMissing) {
                        sendJson(exchange, 404, error("404 page not found"));
                    } else {
                        sendJson(exchange, 200, ps());
                    }
                }
                case "POST /api/show" -> show(exchange, body);
                case "POST /api/pull" -> pull(exchange, body);
                case "POST /api/chat" -> generate(exchange, body, true);
                case "POST /api/generate" -> generate(exchange, body, false);
                default -> sendJson(exchange, 404, error("404 page not found"));
            }
        } catch (DropConnection e) {
            dropping = true;
            throw e;
        } finally {
            if (!dropping) {
                exchange.close();
            }
        }
    }

    private static void awaitOpen(CountDownLatch gate) throws IOException {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped while holding the answer", e);
        }
    }

    private ObjectNode tags() {
        ArrayNode list = JSON.createArrayNode();
        for (ModelScript m : models.values()) {
            ObjectNode entry = list.addObject();
            entry.put("name", m.tag)
                    .put("model", m.tag)
                    .put("modified_at", "2025-10-01T12:00:00.000000+02:00")
                    .put("size", m.fileBytes())
                    .put("digest", m.digest);
            entry.set("details", details(m));
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("models", list);
        return root;
    }

    private ObjectNode ps() {
        ArrayNode list = JSON.createArrayNode();
        GpuMemory memory = gpu;
        for (GpuMemory.Resident r : memory == null ? List.<GpuMemory.Resident>of() : memory.residents()) {
            ModelScript m = models.get(r.tag());
            ObjectNode entry = list.addObject();
            entry.put("name", r.tag())
                    .put("model", r.tag())
                    .put("size", r.bytes())
                    .put("digest", m == null ? Integer.toHexString(r.tag().hashCode()) : m.digest);
            if (m != null) {
                entry.set("details", details(m));
            }
            entry.put("expires_at", r.expiresAt().toString())
                    .put("size_vram", r.bytes())
                    .put("context_length", 4096);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("models", list);
        return root;
    }

    private ObjectNode details(ModelScript m) {
        ObjectNode details = JSON.createObjectNode();
        details.put("parent_model", "").put("format", "gguf").put("family", m.family);
        details.putArray("families").add(m.family);
        details.put("parameter_size", m.parameterSize).put("quantization_level", m.quantization);
        return details;
    }

    /** Streams progress lines as Ollama does, then "success"; a tag the registry lacks fails as Ollama's does. */
    private void pull(HttpExchange exchange, JsonNode body) throws IOException {
        String name =
                body == null ? "" : body.path("model").asText(body.path("name").asText(""));
        ModelScript m = registry.get(name);
        if (m == null) {
            sendJson(exchange, 500, error("pull model manifest: file does not exist"));
            return;
        }
        models.put(name, m); // installed by the time "success" is read
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        try (var out = exchange.getResponseBody()) {
            for (String status :
                    List.of("pulling manifest", "verifying sha256 digest", "writing manifest", "success")) {
                out.write((JSON.createObjectNode().put("status", status) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private void show(HttpExchange exchange, JsonNode body) throws IOException {
        String name =
                body == null ? "" : body.path("model").asText(body.path("name").asText(""));
        ModelScript m = models.get(name);
        if (m == null) {
            sendJson(exchange, 404, error("model '" + name + "' not found"));
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("modelfile", "FROM " + name).put("parameters", "").put("template", "{{ .Prompt }}");
        root.set("details", details(m));
        root.put("license", m.license);
        root.putObject("model_info")
                .put("general.parameter_count", 1_235_814_432L)
                .put(m.family + ".context_length", m.contextLength);
        root.putArray("capabilities").add("completion");
        root.put("modified_at", "2025-10-01T12:00:00.000000+02:00");
        sendJson(exchange, 200, root);
    }

    private void generate(HttpExchange exchange, JsonNode body, boolean chat) throws IOException {
        if (body == null) {
            sendJson(exchange, 400, error("missing request body"));
            return;
        }
        String name = body.path("model").asText("");
        if (name.isEmpty()) {
            sendJson(exchange, 400, error("model is required"));
            return;
        }
        ModelScript m = models.get(name);
        if (m == null) {
            sendJson(exchange, 404, error("model '" + name + "' not found"));
            return;
        }
        boolean loadOnly = chat
                ? body.path("messages").isEmpty()
                : body.path("prompt").asText("").isEmpty();
        Duration keepAlive = GpuMemory.keepAlive(body.get("keep_alive"));
        if (loadOnly) {
            loadOrUnload(exchange, m, chat, keepAlive);
            return;
        }
        new Generation(this, exchange, m, chat, body.path("stream").asBoolean(true), keepAlive).run();
    }

    /** A request without a prompt only loads the model (or, with keep_alive 0, unloads it), as Ollama's does. */
    private void loadOrUnload(HttpExchange exchange, ModelScript m, boolean chat, Duration keepAlive)
            throws IOException {
        GpuMemory memory = gpu;
        boolean unload = keepAlive != null && keepAlive.isZero();
        long loadNanos = 0;
        if (memory != null && unload) {
            memory.unload(m.tag);
        } else if (memory != null) {
            loadNanos = memory.acquire(m.tag, m.footprintBytes(), this);
            memory.release(m.tag, keepAlive);
        }
        ObjectNode node = JSON.createObjectNode().put("model", m.tag).put("created_at", now());
        if (chat) {
            node.putObject("message").put("role", "assistant").put("content", "");
        } else {
            node.put("response", "");
        }
        node.put("done", true).put("done_reason", unload ? "unload" : "load");
        if (!unload) {
            node.put("load_duration", loadNanos);
        }
        sendJson(exchange, 200, node);
    }

    boolean sleep(long millis) {
        try {
            return !closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for {@code gate}; false if this server closes first. */
    boolean holdUntil(CountDownLatch gate) {
        while (gate.getCount() > 0) {
            if (!sleep(20)) {
                return false;
            }
        }
        return true;
    }

    static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    static ObjectMapper json() {
        return JSON;
    }

    static String now() {
        return Instant.now().toString();
    }

    static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsString(body));
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
