package org.gpupoor.arena.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * openapi.yaml read as a contract: for an operation ("GET /api/battles/{id}") and a real answer,
 * every way the answer strays from the document. The document's schemas are JSON Schema 2020-12
 * (OpenAPI 3.1), checked with networknt's validator against the document itself, so its $refs
 * resolve as any OpenAPI tool resolves them. Server-sent events are checked event by event
 * against {@code x-event-data}, JSON lines line by line against {@code x-json-line}.
 */
final class ApiContract {
    private static final String DOCUMENT = "https://arena.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** A response as it came off the wire. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final JsonNode document;
    private final SchemaRegistry schemas;
    private final Set<String> answeredWell = ConcurrentHashMap.newKeySet();

    private ApiContract(JsonNode document) {
        this.document = document;
        String json = document.toString();
        this.schemas = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, registry -> registry.schemas(Map.of(DOCUMENT, json)));
    }

    /** The document as the arena's jar carries (and serves) it. */
    static ApiContract load() {
        try (InputStream in = ApiContract.class.getResourceAsStream("/openapi.yaml")) {
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiContract of(String yaml) {
        try {
            return new ApiContract(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation the document describes, as "GET /api/health". */
    Set<String> operations() {
        Set<String> all = new TreeSet<>();
        document.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        all.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return all;
    }

    /** Operations no success (2xx or 3xx) was checked for yet. */
    Set<String> withoutASuccess() {
        Set<String> left = new TreeSet<>(operations());
        left.removeAll(answeredWell);
        return left;
    }

    /** Every way {@code answer} differs from what the document lets {@code operation} answer; empty when none. */
    List<String> problems(String operation, Answer answer) {
        String[] parts = operation.split(" ", 2);
        String pointer = "/paths/" + escape(parts[1]) + "/" + parts[0].toLowerCase(Locale.ROOT);
        JsonNode op = document.at(pointer);
        if (op.isMissingNode()) {
            return List.of(operation + " is not in the document");
        }
        pointer += "/responses/" + answer.status();
        JsonNode response = document.at(pointer);
        if (response.isMissingNode()) {
            List<String> declared = new ArrayList<>();
            op.get("responses").fieldNames().forEachRemaining(declared::add);
            return List.of("status " + answer.status() + " is not declared (declared: " + declared + ")");
        }
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        List<String> problems = new ArrayList<>();
        response.path("headers").fields().forEachRemaining(h -> {
            if (answer.headers().firstValue(h.getKey()).isEmpty()) {
                problems.add("the declared header " + h.getKey() + " is missing");
            }
        });
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            if (answer.body().length > 0) {
                problems.add("a body of " + answer.body().length + " bytes where the document declares none: "
                        + shorten(answer.text()));
            }
        } else {
            String type = answer.headers()
                    .firstValue("Content-Type")
                    .orElse("")
                    .split(";")[0]
                    .strip()
                    .toLowerCase(Locale.ROOT);
            if (!content.has(type)) {
                List<String> declared = new ArrayList<>();
                content.fieldNames().forEachRemaining(declared::add);
                problems.add("Content-Type '" + type + "' is not declared (declared: " + declared + ")");
            } else {
                problems.addAll(body(pointer + "/content/" + escape(type), content.get(type), type, answer.text()));
            }
        }
        if (problems.isEmpty() && answer.status() < 400) {
            answeredWell.add(operation);
        }
        return problems;
    }

    private List<String> body(String pointer, JsonNode media, String type, String text) {
        List<String> problems = new ArrayList<>();
        if (type.equals("application/json")) {
            problems.addAll(validate(pointer + "/schema", parse(text, problems)));
        } else if (media.has("x-event-data")) {
            for (ServerSentEvents.Event event : ServerSentEvents.parse(text)) {
                if (event.id() == null) {
                    problems.add("event " + event.name() + " has no id");
                }
                if (!media.get("x-event-data").has(event.name())) {
                    problems.add("event '" + event.name() + "' is not declared");
                    continue;
                }
                validate(pointer + "/x-event-data/" + escape(event.name()), parse(event.data(), problems))
                        .forEach(p -> problems.add("event " + event.name() + ": " + p));
            }
        } else if (media.has("x-json-line")) {
            text.lines()
                    .filter(line -> !line.isBlank())
                    .forEach(line -> validate(pointer + "/x-json-line", parse(line, problems))
                            .forEach(p -> problems.add("line: " + p)));
        } else if (media.path("schema").path("type").asText().equals("string")
                && !media.path("schema").has("contentMediaType")) {
            problems.addAll(validate(pointer + "/schema", JsonNodeFactory.instance.textNode(text)));
        }
        return problems;
    }

    private List<String> validate(String pointer, JsonNode value) {
        if (value == null) {
            return List.of();
        }
        Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer));
        return schema.validate(value).stream().map(Object::toString).toList();
    }

    private static JsonNode parse(String text, List<String> problems) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            problems.add("not JSON: " + shorten(text));
            return null;
        }
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
