package org.gpupoor.arena.store;

import java.util.List;

/**
 * A tag voters suggested for the arena.
 *
 * @param voters          distinct voters who suggested it
 * @param reasons         their latest reasons, newest first
 * @param lastSuggestedAt when the newest of them was given (ISO-8601)
 */
public record SuggestedTag(String tag, int voters, List<String> reasons, String lastSuggestedAt) {}
