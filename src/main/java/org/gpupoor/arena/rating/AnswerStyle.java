package org.gpupoor.arena.rating;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markdown an answer uses, counted as the best public arena counts it for style control:
 * headers, list items and bold spans, outside code blocks (code is content, not decoration).
 */
public record AnswerStyle(int headers, int listItems, int bold) {
    public static final AnswerStyle NONE = new AnswerStyle(0, 0, 0);

    private static final Pattern FENCED_CODE = Pattern.compile("(?s)```.*?(```|$)|~~~.*?(~~~|$)");
    private static final Pattern HEADER = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+\\S");
    private static final Pattern LIST_ITEM = Pattern.compile("(?m)^[ \\t]*(?:[-*+]|\\d{1,9}[.)])[ \\t]+\\S");
    private static final Pattern BOLD = Pattern.compile("\\*\\*[^*\\n]+?\\*\\*|__[^_\\n]+?__");

    public static AnswerStyle of(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        String prose = FENCED_CODE.matcher(text).replaceAll("");
        return new AnswerStyle(count(HEADER, prose), count(LIST_ITEM, prose), count(BOLD, prose));
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
