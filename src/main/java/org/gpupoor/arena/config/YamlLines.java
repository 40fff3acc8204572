package org.gpupoor.arena.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value sits in a YAML document, keyed by JSON pointer ({@code /models/2/size_b}), so
 * that validation errors found after binding can still name the line an operator must edit.
 */
final class YamlLines {
    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static YamlLines index(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String pointer = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                        ? parser.getParsingContext().getParent().pathAsPointer().toString()
                        : parser.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // The loader reports syntax errors itself with their own location.
        }
        return new YamlLines(lines);
    }

    /** The line of the value at {@code pointer}, or of its nearest ancestor present in the file. */
    int lineOf(String pointer) {
        String current = pointer;
        while (!current.isEmpty()) {
            Integer line = lines.get(current);
            if (line != null) {
                return line;
            }
            current = current.substring(0, current.lastIndexOf('/'));
        }
        return -1;
    }
}
