package org.gpupoor.arena.ollama;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
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

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final Deque<HttpConnection> idle = new ConcurrentLinkedDeque<>();

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
        private final HttpConnection connection;
        private final int status;
        private final Map<String, String> headers;
        private final HttpBody body;

        private Reply(
                PlainHttp client, HttpConnection connection, int status, Map<String, String> headers, HttpBody body) {
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
        HttpConnection reused;
        while ((reused = idle.pollFirst()) != null) {
            try {
                return exchange(reused, request.duplicate(), headersTimeout);
            } catch (ClosedByInterruptException | HttpTimeoutException e) {
                throw e; // stopped, or Ollama is slow to answer: neither is a connection closed while idle
            } catch (IOException e) {
                reused.close(); // closed by the server while idle: the next one, or a new one
            }
        }
        return exchange(connect(), request, headersTimeout);
    }

    private HttpConnection connect() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new HttpConnection(channel);
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

    private Reply exchange(HttpConnection connection, ByteBuffer request, Duration headersTimeout) throws IOException {
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
            return new Reply(this, connection, status, headers, HttpBody.of(connection, headers, parts[0]));
        } catch (SocketTimeoutException e) {
            connection.close();
            throw new HttpTimeoutException("Ollama sent no answer within " + headersTimeout);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
