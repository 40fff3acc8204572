package org.gpupoor.arena.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty rejects before they reach the arena (a path with an encoded NUL or "..", a
 * malformed header) still get the arena's JSON error shape, not Jetty's HTML page.
 */
public final class JettyErrors extends ErrorHandler {
    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        String sentence = code == 400
                ? "The request is malformed (for example an encoded control character or \\\"..\\\" in the path)."
                : "The request could not be served (HTTP " + code + ").";
        String body = "{\"error\":\"" + (code == 400 ? "bad_request" : "http_" + code) + "\",\"message\":\"" + sentence
                + "\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        // Jetty drops the connection after a request it could not parse; say so, or a client may
        // send its next request down a connection that is about to close.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
