package org.gpupoor.arena.ollama;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/** One kept-alive socket and the buffered reader of its bytes. */
final class HttpConnection {
    /** How long a body that is ending anyway may take to end before its connection is closed instead. */
    private static final int DRAIN_MILLIS = 50;

    final SocketChannel channel;
    final BufferedInputStream in;

    HttpConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = new BufferedInputStream(channel.socket().getInputStream(), 8192);
    }

    /** A header line without its CRLF, or null at the end of the stream. */
    String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > 8192) {
                throw new IOException("A header line from Ollama is too long");
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    /** Reads what is left of a body that is ending anyway (the last chunk after Ollama's done line). */
    boolean drain(HttpBody body) {
        try {
            channel.socket().setSoTimeout(DRAIN_MILLIS);
            byte[] skip = new byte[512];
            for (int total = 0; total < 64 * 1024; ) {
                int n = body.read(skip);
                if (n < 0) {
                    channel.socket().setSoTimeout(0);
                    return true;
                }
                total += n;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
