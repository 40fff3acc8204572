package org.gpupoor.arena.suggestion;

import java.util.Locale;
import java.util.regex.Pattern;
import org.gpupoor.arena.config.ModelTags;

/** What a suggestion must be: a tag as Ollama writes one, and a short reason in plain text. */
final class SuggestionRules {
    static final int MAX_TAG_CHARS = 100;
    static final int MIN_REASON_CHARS = 3;
    static final int MAX_REASON_CHARS = 280;
    // [host/][namespace/]name[:variant], as in llama3.2, qwen2.5:7b-instruct or hf.co/user/repo:Q4_K_M.
    private static final Pattern TAG = Pattern.compile(
            "[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*){0,2}(:[a-z0-9][a-z0-9._-]*)?", Pattern.CASE_INSENSITIVE);

    private SuggestionRules() {}

    /** The tag as the arena keeps it: stripped, its name in lower case (Ollama's are), ":latest" when bare. */
    static String tag(String given) {
        String tag = given.strip();
        if (tag.isEmpty()) {
            throw new InvalidSuggestionException("Write the Ollama tag of the model, such as qwen2.5:3b.");
        }
        if (tag.length() > MAX_TAG_CHARS) {
            throw new InvalidSuggestionException(
                    "The tag has " + tag.length() + " characters; Ollama tags here are at most " + MAX_TAG_CHARS + ".");
        }
        if (!TAG.matcher(tag).matches() || tag.contains("..")) {
            throw new InvalidSuggestionException("\"" + printable(tag)
                    + "\" is not an Ollama tag: use letters, digits, '.', '_' and '-', as in qwen2.5:3b or"
                    + " library/llama3.2:1b.");
        }
        int colon = tag.indexOf(':');
        String name = colon < 0 ? tag : tag.substring(0, colon);
        return ModelTags.canonical(name.toLowerCase(Locale.ROOT) + (colon < 0 ? "" : tag.substring(colon)));
    }

    static String reason(String given) {
        String reason = given.strip();
        int length = reason.codePointCount(0, reason.length());
        if (length < MIN_REASON_CHARS) {
            throw new InvalidSuggestionException("Give a reason of at least " + MIN_REASON_CHARS
                    + " characters: say in a few words why this model belongs in the arena.");
        }
        if (length > MAX_REASON_CHARS) {
            throw new InvalidSuggestionException(
                    "The reason has " + length + " characters; keep it to " + MAX_REASON_CHARS + ".");
        }
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidSuggestionException(String.format(
                        "The reason contains a control character (U+%04X); write it on one line of plain text.",
                        (int) c));
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c)
                            && i + 1 < reason.length()
                            && Character.isLowSurrogate(reason.charAt(++i)))) {
                throw new InvalidSuggestionException(
                        "The reason contains a broken Unicode character (an unpaired surrogate).");
            }
        }
        return reason;
    }

    /** A refused tag quoted back without its control characters, and cut short. */
    private static String printable(String tag) {
        String shown = tag.replaceAll("[\\p{Cntrl}\\p{Cs}]", "?");
        return shown.length() <= 40 ? shown : shown.substring(0, 40) + "...";
    }
}
