package org.gpupoor.arena.suggestion;

import java.time.Clock;
import java.util.List;
import org.gpupoor.arena.store.SuggestedTag;
import org.gpupoor.arena.store.SuggestionLog;

/** Voters' suggestions of models for the arena: checked, one per voter and tag, ranked by how many voters want each. */
public final class Suggestions {
    static final int TOP = 20;
    static final int REASONS_SHOWN = 3;

    private final SuggestionLog log;
    private final Clock clock;

    public Suggestions(SuggestionLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * What a suggestion did.
     *
     * @param counted false when this voter had suggested the tag before (their reason is updated)
     * @param voters  distinct voters who suggested the tag, this one included
     */
    public record Suggested(String tag, boolean counted, int voters) {}

    /** Keeps {@code voter}'s suggestion; throws {@link InvalidSuggestionException} for a malformed one. */
    public Suggested suggest(String tag, String reason, String voter) {
        String checkedTag = SuggestionRules.tag(tag);
        String checkedReason = SuggestionRules.reason(reason);
        boolean counted = log.record(checkedTag, voter, checkedReason, clock.instant());
        return new Suggested(checkedTag, counted, log.votersFor(checkedTag));
    }

    /** The most suggested tags, most voters first, each with a few of the latest reasons. */
    public List<SuggestedTag> mostSuggested() {
        return log.mostSuggested(TOP, REASONS_SHOWN);
    }

    /** Every suggested tag, for the operator. */
    public List<SuggestedTag> all() {
        return log.mostSuggested(Integer.MAX_VALUE, REASONS_SHOWN);
    }

    /** Changes with every suggestion recorded: the ETag of the public list. */
    public String version() {
        return log.version();
    }
}
