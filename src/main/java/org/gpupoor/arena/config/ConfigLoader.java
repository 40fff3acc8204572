package org.gpupoor.arena.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads and validates {@code arena_config.yaml}; any problem stops start-up with its line and field. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ConfigLoader() {}

    public static ArenaConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    "Config file not found: " + file.toAbsolutePath() + " (pass --config FILE or set ARENA_CONFIG)");
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        return parse(text, file.getFileName().toString());
    }

    static ArenaConfig parse(String text, String fileName) {
        ArenaConfig config;
        try {
            config = YAML.readValue(text, ArenaConfig.class);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException syntax) {
                throw new ConfigException(fileName + lineSuffix(syntax.getLocation()) + ": not valid YAML: "
                        + syntax.getOriginalMessage());
            }
            int line = YamlLines.index(text).lineOf(pointerOf(e));
            throw new ConfigException(fileName + (line > 0 ? lineSuffix(line) : lineSuffix(e.getLocation())) + ": "
                    + fieldOf(e) + bindingProblem(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    fileName + lineSuffix(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(fileName + ": " + e.getMessage());
        }
        if (config == null) {
            config = ArenaConfig.builder().build(); // an empty file: every section at its default
        }
        List<ConfigValidator.Problem> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            YamlLines lines = YamlLines.index(text);
            throw new ConfigException(problems.stream()
                    .map(p -> fileName + lineSuffix(lines.lineOf(p.pointer())) + ": " + p.field() + ": " + p.message())
                    .collect(Collectors.joining("\n")));
        }
        return config;
    }

    private static String pointerOf(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/')
                    .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return pointer.toString();
    }

    private static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "(document)" : field.toString();
    }

    private static String bindingProblem(JsonMappingException e) {
        String original = e.getOriginalMessage();
        if (original.startsWith("Unrecognized field")) {
            return ": unknown field (check the spelling; see the config reference in README.md)";
        }
        if (e.getCause() instanceof IllegalArgumentException cause) {
            return ": " + cause.getMessage();
        }
        int detail = original.indexOf('\n');
        return ": wrong type: " + (detail > 0 ? original.substring(0, detail) : original);
    }

    private static String lineSuffix(JsonLocation location) {
        return location == null ? "" : lineSuffix(location.getLineNr());
    }

    private static String lineSuffix(int line) {
        return line > 0 ? " line " + line : "";
    }
}
