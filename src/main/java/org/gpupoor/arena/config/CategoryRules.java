package org.gpupoor.arena.config;

import java.util.List;

/**
 * Operators' own keyword rules, on top of the built-in ones: a prompt containing any of a rule's
 * keywords (whole words, any case) falls in its category, a built-in one or a new one.
 */
public record CategoryRules(List<KeywordRule> rules) {
    /** {@code category}: lower-case letters, digits and underscores; {@code keywords}: words or phrases. */
    public record KeywordRule(String category, List<String> keywords) {
        public KeywordRule {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
    }

    public CategoryRules {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
