package org.gpupoor.arena.config;

/** What {@code GET /api/battles/export} publishes: prompts and answers too, unless turned off. */
public record OpenData(Boolean includePromptsAndAnswers) {
    public OpenData {
        includePromptsAndAnswers = includePromptsAndAnswers == null || includePromptsAndAnswers;
    }
}
