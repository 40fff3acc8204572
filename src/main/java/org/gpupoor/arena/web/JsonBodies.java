package org.gpupoor.arena.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads small JSON request bodies strictly: right content type, UTF-8, one object, each known field once. */
public final class JsonBodies {
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '([^']{0,80})'");
    private final ObjectReader strict;

    public JsonBodies(ObjectMapper json) {
        this.strict = json.readerFor(JsonNode.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** One JSON value and nothing after it, each key once: a body that could mean two things is refused. */
    private JsonNode parse(String text) {
        try (JsonParser parser = strict.createParser(text)) {
            JsonNode body = strict.readTree(parser);
            JsonLocation end = parser.currentLocation();
            boolean more;
            try {
                more = parser.nextToken() != null;
            } catch (JsonProcessingException e) {
                more = true; // whatever follows is not even JSON
            }
            if (more) {
                throw ApiException.badRequest("The body has more after its JSON value (line " + end.getLineNr()
                        + ", column " + end.getColumnNr() + "); send one JSON object and nothing else.");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(problem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail this way
        }
    }

    /** JSON is UTF-8 (RFC 8259); bytes that are not are refused, never replaced with U+FFFD. */
    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(
                    "The body is not valid UTF-8 (at byte " + in.position() + "); send JSON as UTF-8.");
        }
    }

    private static String problem(JsonProcessingException e) {
        // Jackson's size and nesting limits report no location.
        String where = e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            return "The field \"" + duplicate.group(1).replaceAll("\\p{Cntrl}", "?") + "\" appears more than once"
                    + where + ".";
        }
        return "The body is not valid JSON" + where + ".";
    }

    public JsonNode object(Context ctx, String... allowedFields) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiException(
                    415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
        }
        JsonNode body = parse(utf8(ctx.bodyAsBytes()));
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object.");
        }
        Set<String> allowed = Set.of(allowedFields);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("Unknown field \"" + name.replaceAll("\\p{Cntrl}", "?")
                        + "\"; expected only " + String.join(", ", allowedFields) + ".");
            }
        }
        return body;
    }

    public String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("The field \"" + field + "\" is required.");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("The field \"" + field + "\" must be a string.");
        }
        return value.textValue();
    }
}
