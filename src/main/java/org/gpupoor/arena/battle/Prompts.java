package org.gpupoor.arena.battle;

import org.gpupoor.arena.web.ApiException;

/** What a prompt must be before two models spend time on it. */
final class Prompts {
    private Prompts() {
    }

    static String check(String prompt, int maxChars) {
        if (prompt == null || prompt.isBlank()) {
            throw ApiException.badRequest("Write a prompt first (or roll a random one).");
        }
        String text = prompt.strip();
        int length = text.codePointCount(0, text.length());
        if (length > maxChars) {
            throw ApiException.badRequest("The prompt has " + length + " characters; the limit is " + maxChars + ".");
        }
        if (text.indexOf('\0') >= 0) {
            throw ApiException.badRequest("The prompt contains a NUL character.");
        }
        return text;
    }
}
