package org.gpupoor.arena.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models {@code arena_config.yaml} ships, with the memory each takes once loaded by the
 * rule of thumb the warm-arena issue gives: billions of parameters x 0.6 GB at 4-bit, 0.7 at
 * 5-bit, 1.1 at 8-bit, plus 0.5 GB for the runtime.
 */
public final class ShippedModels {
    private static final Pattern TAG = Pattern.compile("^\\s*- tag: (\\S+)", Pattern.MULTILINE);
    private static final Pattern SIZE = Pattern.compile(":(\\d+(?:\\.\\d+)?)b");
    private static final Pattern BITS = Pattern.compile("q(\\d)");

    private ShippedModels() {}

    /** Tag to footprint in GB, in the file's order. */
    public static Map<String, Double> footprintsGb() {
        String yaml;
        try {
            yaml = Files.readString(Path.of("arena_config.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException("run from the repository root", e);
        }
        Map<String, Double> footprints = new LinkedHashMap<>();
        Matcher tags = TAG.matcher(yaml);
        while (tags.find()) {
            String tag = tags.group(1);
            footprints.put(tag, footprintGb(tag));
        }
        return footprints;
    }

    static double footprintGb(String tag) {
        Matcher size = SIZE.matcher(tag);
        Matcher bits = BITS.matcher(tag.substring(tag.indexOf(':')));
        if (!size.find() || !bits.find()) {
            throw new IllegalArgumentException("no size or quantization in " + tag);
        }
        double perBillion = switch (bits.group(1)) {
            case "4" -> 0.6;
            case "5" -> 0.7;
            default -> 1.1;
        };
        return Double.parseDouble(size.group(1)) * perBillion + 0.5;
    }

    /** The parameter size as Ollama writes it ("3.8B"). */
    public static String parameterSize(String tag) {
        Matcher size = SIZE.matcher(tag);
        size.find();
        return size.group(1) + "B";
    }
}
