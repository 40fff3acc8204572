package org.gpupoor.arena.battle;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds an answer that gives its author away ("I am Llama, made by Meta"), as the best public
 * arena does. Such a battle may still be voted on, but by default it does not count: the voter
 * could have known who was who. A word the prompt itself uses does not count as a giveaway.
 */
final class IdentityCheck {
    private final List<Pattern> words;

    IdentityCheck(List<String> identityWords) {
        this.words = identityWords.stream()
                // Case matters: "Meta" and "Phi" are names, "meta-analysis" and the letter phi are not.
                .map(w -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w.strip()) + "(?![\\p{L}\\p{N}])"))
                .toList();
    }

    /** The first of this model's words its answer uses that the prompt does not, if any. */
    Optional<String> giveaway(String prompt, String answer) {
        for (Pattern word : words) {
            if (word.matcher(prompt).find()) {
                continue;
            }
            var m = word.matcher(answer);
            if (m.find()) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }
}
