package org.gpupoor.arena.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over one kept-alive socket, for load: the JDK's HttpClient spends
 * about 3 ms of its own per request on this machine (selector hand-offs), which would swamp
 * the server times being measured. Handles Content-Length and chunked bodies, and streams a
 * chunked body line by line.
 */
final class WireClient implements AutoCloseable {
    /** A whole response. */
    record Response(int status, Map<String, String> headers, String body) {}

    /** Receives the lines of a streamed body; returns false to stop reading. */
    interface Lines {
        boolean line(String line) throws IOException;
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    WireClient(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    Response send(String method, String path, String body, String... headers) throws IOException {
        boolean reused = socket != null;
        connect();
        boolean answered = false;
        try {
            write(method, path, body, headers);
            int status = status();
            answered = true;
            Map<String, String> fields = headers();
            String text = new String(body(fields), StandardCharsets.UTF_8);
            if ("close".equalsIgnoreCase(fields.get("connection"))) {
                close();
            }
            return new Response(status, fields, text);
        } catch (IOException e) {
            close();
            if (!reused || answered) {
                throw e;
            }
            // A kept-alive connection the server had already closed: nothing was processed, send again once.
            return send(method, path, body, headers);
        }
    }

    /** Sends a request whose answer is a stream, hands its lines to {@code lines}, and then closes the connection. */
    int stream(String method, String path, String body, Lines lines, String... headers) throws IOException {
        connect();
        try {
            write(method, path, body, headers);
            int status = status();
            Map<String, String> fields = headers();
            if (!"chunked".equalsIgnoreCase(fields.get("transfer-encoding"))) {
                for (String line : new String(body(fields), StandardCharsets.UTF_8).split("\n")) {
                    if (!lines.line(line)) {
                        break;
                    }
                }
                return status;
            }
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                if (size == 0) {
                    return status;
                }
                for (int i = 0; i < size; i++) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("stream ended inside a chunk");
                    }
                    if (b == '\n') {
                        String text = pending.toString(StandardCharsets.UTF_8);
                        pending.reset();
                        if (!lines.line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text)) {
                            return status;
                        }
                    } else {
                        pending.write(b);
                    }
                }
                line();
            }
        } finally {
            close();
        }
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
        }
    }

    private void write(String method, String path, String body, String... headers) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(content.length)
                    .append("\r\n");
        }
        request.append("\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        out.write(all);
        out.flush();
    }

    private int status() throws IOException {
        String line = line();
        String[] parts = line.split(" ");
        if (parts.length < 2) {
            throw new IOException("no status line: '" + line + "'");
        }
        return Integer.parseInt(parts[1]);
    }

    private Map<String, String> headers() throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            fields.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        return fields;
    }

    private byte[] body(Map<String, String> fields) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(fields.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (fields.containsKey("content-length")) {
            int length = Integer.parseInt(fields.get("content-length"));
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new IOException("connection closed inside the body");
            }
            body.write(bytes);
        }
        return body.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }
        socket = null;
    }
}
