package org.gpupoor.arena.ollama;

/** Ollama answered, with an error: a status other than 200, or an error line in the middle of a stream. */
final class OllamaReplyException extends Exception {
    private final int status;
    private final boolean midStream;

    OllamaReplyException(int status, String error, boolean midStream) {
        super((midStream ? "error line mid-stream: " : "HTTP " + status + ": ") + error);
        this.status = status;
        this.midStream = midStream;
    }

    int status() {
        return status;
    }

    boolean midStream() {
        return midStream;
    }
}
