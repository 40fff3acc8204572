package org.gpupoor.arena.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.gpupoor.arena.suggestion.SuggestionReview;
import org.gpupoor.arena.suggestion.Suggestions;

/** HTTP for model suggestions: a voter suggests a tag, everyone sees the most wanted, the operator reviews them all. */
public final class SuggestionController {
    private final Suggestions suggestions;
    private final SuggestionReview review;
    private final JsonBodies bodies;
    private final VoterCookie voters;
    private final BoardCache cache;

    public SuggestionController(
            Suggestions suggestions,
            SuggestionReview review,
            JsonBodies bodies,
            VoterCookie voters,
            ObjectMapper json) {
        this.suggestions = suggestions;
        this.review = review;
        this.bodies = bodies;
        this.voters = voters;
        this.cache = new BoardCache(json);
    }

    public void suggest(Context ctx) {
        JsonNode body = bodies.object(ctx, "tag", "reason");
        // Cookie, else address: a script without cookies is one voter however often it asks.
        Suggestions.Suggested done = suggestions.suggest(
                bodies.requiredText(body, "tag"), bodies.requiredText(body, "reason"), voters.voterOf(ctx));
        ctx.status(done.counted() ? 201 : 200).json(new Bodies.Suggested(done.tag(), done.counted(), done.voters()));
    }

    public void mostSuggested(Context ctx) {
        cache.serve(
                ctx, "suggestions", suggestions.version(), () -> new Bodies.Suggestions(suggestions.mostSuggested()));
    }

    public void review(Context ctx) {
        ctx.json(review.review());
    }
}
