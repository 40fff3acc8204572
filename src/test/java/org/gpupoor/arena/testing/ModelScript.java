package org.gpupoor.arena.testing;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/** How one fake model behaves. Setters return the script so tests read as one sentence. */
public final class ModelScript {
    final String tag;
    final String parameterSize;
    volatile List<String> tokens = List.of("Hello", " from", " a", " small", " model", ".");
    volatile long loadMillis;
    volatile long tokenMillis;
    volatile int failStatus;
    volatile String failMessage;
    volatile int errorAfter = -1;
    volatile int dropAfter = -1;
    volatile int pauseAfter = -1;
    final CountDownLatch resumed = new CountDownLatch(1);
    volatile boolean neverEnd;
    volatile boolean goesSilent;
    volatile String doneReason = "stop";
    volatile String family = "llama";
    volatile String quantization = "Q4_K_M";
    volatile long footprintBytes;
    volatile String digest;
    volatile String license = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/";
    volatile int contextLength = 8192;

    ModelScript(String tag, String parameterSize) {
        this.tag = tag;
        this.parameterSize = parameterSize;
        this.digest = sha256Like(tag);
    }

    /** The model pulled again: Ollama lists the tag with other weights (a new digest). */
    public ModelScript repulled(String version) {
        this.digest = sha256Like(tag + "\n" + version);
        return this;
    }

    /** What /api/show says of the model's license (its whole text) and context window. */
    public ModelScript card(String license, int contextLength) {
        this.license = license;
        this.contextLength = contextLength;
        return this;
    }

    public String digest() {
        return digest;
    }

    private static String sha256Like(String seed) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Ollama's model list says of the model beside its size. */
    public ModelScript details(String family, String quantization) {
        this.family = family;
        this.quantization = quantization;
        return this;
    }

    /** Memory the model takes once loaded (as /api/ps reports it); its file is this less 0.5 GB. */
    public ModelScript footprint(double gigabytes) {
        this.footprintBytes = Math.round(gigabytes * 1e9);
        return this;
    }

    long footprintBytes() {
        return footprintBytes > 0 ? footprintBytes : fileBytes() + RUNTIME_BYTES;
    }

    /** The file's size, as /api/tags reports it. */
    long fileBytes() {
        return footprintBytes > 0 ? Math.max(1, footprintBytes - RUNTIME_BYTES) : 1_321_098_329L;
    }

    private static final long RUNTIME_BYTES = 500_000_000L;

    public ModelScript answers(String... pieces) {
        this.tokens = List.of(pieces);
        return this;
    }

    /**
     * Time before the first token, as when Ollama loads a cold model. With a {@link GpuMemory},
     * loading is simulated there and this is the time from loaded to the first token.
     */
    public ModelScript loadsFor(long millis) {
        this.loadMillis = millis;
        return this;
    }

    /** Time between tokens. */
    public ModelScript paced(long millisPerToken) {
        this.tokenMillis = millisPerToken;
        return this;
    }

    /** Answers with this status and {"error": message} instead of streaming. */
    public ModelScript failsWith(int status, String message) {
        this.failStatus = status;
        this.failMessage = message;
        return this;
    }

    /** Streams this many tokens, then an {"error": ...} line, as Ollama does when the runner crashes. */
    public ModelScript errorsAfter(int tokens) {
        this.errorAfter = tokens;
        return this;
    }

    /** Streams this many tokens, then drops the connection without ending the response. */
    public ModelScript dropsAfter(int tokens) {
        this.dropAfter = tokens;
        return this;
    }

    /** Streams this many tokens, then holds the rest until {@link #resume()}. */
    public ModelScript pausesAfter(int tokens) {
        this.pauseAfter = tokens;
        return this;
    }

    /** Lets an answer held by {@link #pausesAfter(int)} stream on. */
    public void resume() {
        resumed.countDown();
    }

    /** Streams its tokens, then keeps streaming empty pieces forever, like a model stuck in a loop. */
    public ModelScript neverFinishes() {
        this.neverEnd = true;
        return this;
    }

    /** Streams its tokens, then goes silent without finishing or closing, like a hung server. */
    public ModelScript goesSilent() {
        this.goesSilent = true;
        return this;
    }

    public ModelScript doneReason(String reason) {
        this.doneReason = reason;
        return this;
    }
}
