package org.gpupoor.arena.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Set;

/** Reads small JSON request bodies strictly: right content type, an object, known fields only. */
public final class JsonBodies {
    private final ObjectMapper json;

    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    public JsonNode object(Context ctx, String... allowedFields) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            // Jackson's size and nesting limits report no location.
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")";
            throw ApiException.badRequest("The body is not valid JSON" + where + ".");
        }
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
