package org.gpupoor.arena.ollama;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** An answer's body: chunked, of a known length, or up to the end of the connection. */
final class HttpBody extends InputStream {
    private final HttpConnection connection;
    private final boolean chunked;
    private long left; // in this chunk, or in the whole body; -1 until the end of the connection
    boolean ended;
    final boolean reusable;
    private boolean chunkStarted;

    private HttpBody(HttpConnection connection, boolean chunked, long length, boolean reusable) {
        this.connection = connection;
        this.chunked = chunked;
        this.left = length;
        this.reusable = reusable;
        this.ended = !chunked && length == 0;
    }

    static HttpBody of(HttpConnection connection, Map<String, String> headers, String version) {
        boolean keptAlive = !version.equals("HTTP/1.0");
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new HttpBody(connection, true, 0, keptAlive);
        }
        String length = headers.get("content-length");
        if (length != null) {
            return new HttpBody(connection, false, Long.parseLong(length.trim()), keptAlive);
        }
        return new HttpBody(connection, false, -1, false);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        if (chunked && left == 0 && !nextChunk()) {
            return -1;
        }
        int want = left < 0 ? length : (int) Math.min(length, left);
        int n = connection.in.read(buffer, offset, want);
        if (n < 0) {
            if (left >= 0) {
                throw new EOFException("Ollama's answer was cut off");
            }
            ended = true;
            return -1;
        }
        if (left > 0) {
            left -= n;
            if (!chunked && left == 0) {
                ended = true;
            }
        }
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (left == 0 && chunkStarted) {
            String crlf = connection.line(); // the end of the chunk just read
            if (crlf == null || !crlf.isEmpty()) {
                throw new IOException("A chunk from Ollama did not end where it said");
            }
        }
        String size = connection.line();
        if (size == null) {
            throw new EOFException("Ollama's answer was cut off");
        }
        int extension = size.indexOf(';');
        long bytes = Long.parseLong((extension >= 0 ? size.substring(0, extension) : size).trim(), 16);
        chunkStarted = true;
        if (bytes == 0) {
            for (String trailer; (trailer = connection.line()) != null && !trailer.isEmpty(); ) {
                // trailers carry nothing Ollama's answers need
            }
            ended = true;
            return false;
        }
        left = bytes;
        return true;
    }
}
