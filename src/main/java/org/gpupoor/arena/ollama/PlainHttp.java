package org.gpupoor.arena.ollama;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A lean HTTP/1.1 client for Ollama's streamed answers on plain {@code http://}: the calling
 * thread writes the request and reads the answer itself from a blocking socket channel, kept
 * alive for the next request. The JDK client hands every read from its selector thread to a
 * worker, then to the caller: 2.5–3.5 ms to a first line against 1–2 ms here, and two more
 * threads per stream. A blocking channel is interruptible on Java 17 too, so a deadline that
 * interrupts the reader closes the stream (and tells Ollama to stop) at once.
 */
final class PlainHttp {
    private static final int MAX_IDLE = 32;
    private static final int DRAIN_MILLIS = 50;

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    PlainHttp(URI base, Duration connectTimeout) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.hostHeader = base.getPort() > 0 ? host + ":" + port : host;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
    }

    static boolean handles(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
    }

    /** The answer's status and headers; its body is read from {@link #body()}. Close it, read or not. */
    static final class Reply implements AutoCloseable {
        private final PlainHttp client;
        private final Connection connection;
        private final int status;
        private final Map<String, String> headers;
        private final Body body;

        private Reply(PlainHttp client, Connection connection, int status, Map<String, String> headers, Body body) {
            this.client = client;
            this.connection = connection;
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        int status() {
            return status;
        }

        InputStream body() {
            return body;
        }

        /** Hands the connection back for the next request when the answer was read to its end, else closes it. */
        @Override
        public void close() {
            boolean reusable = body.reusable && !"close".equalsIgnoreCase(headers.get("connection"));
            if (reusable && !body.ended) {
                reusable = connection.drain(body);
            }
            if (reusable && client.idle.size() < MAX_IDLE) {
                client.idle.addFirst(connection);
            } else {
                connection.close();
            }
        }
    }

    /**
     * POSTs {@code body} to {@code path} and returns once the status line and headers are in,
     * waiting for them at most {@code headersTimeout}. A kept-alive connection that the server
     * closed meanwhile is noticed before anything was read and the request goes again on a new one.
     */
    Reply post(String path, Map<String, String> headers, byte[] body, Duration headersTimeout) throws IOException {
        ByteBuffer request = request(path, headers, body);
        Connection reused;
        while ((reused = idle.pollFirst()) != null) {
            try {
                return exchange(reused, request.duplicate(), headersTimeout);
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (IOException e) {
                reused.close(); // closed by the server while idle: the next one, or a new one
            }
        }
        return exchange(connect(), request, headersTimeout);
    }

    private Connection connect() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new Connection(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private ByteBuffer request(String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder()
                .append("POST ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader)
                .append("\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(headBytes.length + body.length)
                .put(headBytes)
                .put(body)
                .flip();
    }

    private Reply exchange(Connection connection, ByteBuffer request, Duration headersTimeout) throws IOException {
        try {
            while (request.hasRemaining()) {
                connection.channel.write(request);
            }
            connection.channel.socket().setSoTimeout((int) Math.max(1, headersTimeout.toMillis()));
            String statusLine = connection.line();
            if (statusLine == null) {
                throw new EOFException("Ollama closed the connection before answering");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("Not an HTTP answer from Ollama: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line; (line = connection.line()) != null && !line.isEmpty(); ) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            connection.channel.socket().setSoTimeout(0); // from here the generation's watchdog keeps time
            return new Reply(this, connection, status, headers, Body.of(connection, headers, parts[0]));
        } catch (SocketTimeoutException e) {
            connection.close();
            throw new java.net.http.HttpTimeoutException("Ollama sent no answer within " + headersTimeout);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** One kept-alive socket and the buffered reader of its bytes. */
    private static final class Connection {
        final SocketChannel channel;
        final BufferedInputStream in;

        Connection(SocketChannel channel) throws IOException {
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
        boolean drain(Body body) {
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

    /** An answer's body: chunked, of a known length, or up to the end of the connection. */
    private static final class Body extends InputStream {
        private final Connection connection;
        private final boolean chunked;
        private long left; // in this chunk, or in the whole body; -1 until the end of the connection
        private boolean ended;
        private final boolean reusable;
        private boolean chunkStarted;

        private Body(Connection connection, boolean chunked, long length, boolean reusable) {
            this.connection = connection;
            this.chunked = chunked;
            this.left = length;
            this.reusable = reusable;
            this.ended = !chunked && length == 0;
        }

        static Body of(Connection connection, Map<String, String> headers, String version) {
            boolean keptAlive = !version.equals("HTTP/1.0");
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                return new Body(connection, true, 0, keptAlive);
            }
            String length = headers.get("content-length");
            if (length != null) {
                return new Body(connection, false, Long.parseLong(length.trim()), keptAlive);
            }
            return new Body(connection, false, -1, false);
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
}
