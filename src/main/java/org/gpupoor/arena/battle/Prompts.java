package org.gpupoor.arena.battle;

/** What a prompt must be before two models spend time on it. */
final class Prompts {
    private Prompts() {}

    static String check(String prompt, int maxChars) {
        if (prompt == null || prompt.isBlank()) {
            throw new InvalidPromptException("Write a prompt first (or roll a random one).");
        }
        String text = prompt.strip();
        int length = text.codePointCount(0, text.length());
        if (length > maxChars) {
            throw new InvalidPromptException(
                    "The prompt has " + length + " characters; the limit is " + maxChars + ".");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                throw new InvalidPromptException(
                        String.format("The prompt contains a control character (U+%04X).", (int) c));
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(++i)))) {
                throw new InvalidPromptException(
                        "The prompt contains a broken Unicode character (an unpaired surrogate).");
            }
        }
        return text;
    }
}
