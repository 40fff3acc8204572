package org.gpupoor.arena.catalog;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses model sizes, in billions of parameters, from the places they are written. */
public final class ModelSize {
    private static final Pattern IN_PARENS =
            Pattern.compile("\\((\\d+(?:\\.\\d+)?)\\s*([BM])\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern STANDALONE =
            Pattern.compile("(?<![\\w.])(\\d+(?:\\.\\d+)?)\\s*([BM])\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAMETER_SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMBT])", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG_SIZE =
            Pattern.compile(":(\\d+(?:\\.\\d+)?)([bm])(?![a-z])", Pattern.CASE_INSENSITIVE);

    private ModelSize() {}

    /** From a display name such as "Qwen 2.5 (7B, 4-bit)" or "Qwen 2.5 (500M)". */
    public static Optional<Double> fromDisplayName(String name) {
        Matcher m = IN_PARENS.matcher(name);
        if (m.find() || (m = STANDALONE.matcher(name)).find()) {
            return Optional.of(scale(m.group(1), m.group(2)));
        }
        return Optional.empty();
    }

    /** From Ollama's {@code parameter_size}, such as "494.03M", "3.2B" or "8.0B". */
    public static Optional<Double> fromParameterSize(String parameterSize) {
        if (parameterSize == null) {
            return Optional.empty();
        }
        Matcher m = PARAMETER_SIZE.matcher(parameterSize.strip());
        return m.matches() ? Optional.of(scale(m.group(1), m.group(2))) : Optional.empty();
    }

    /** From an Ollama tag whose variant starts with the size, such as "qwen2.5:7b-instruct". */
    public static Optional<Double> fromTag(String tag) {
        Matcher m = TAG_SIZE.matcher(tag);
        return m.find() ? Optional.of(scale(m.group(1), m.group(2))) : Optional.empty();
    }

    /** A size as the refusal reasons write it: "7", not "7.0". */
    static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static double scale(String number, String unit) {
        double value = Double.parseDouble(number);
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "K" -> value / 1_000_000;
            case "M" -> value / 1_000;
            case "T" -> value * 1_000;
            default -> value;
        };
    }
}
