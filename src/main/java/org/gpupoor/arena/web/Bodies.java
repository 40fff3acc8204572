package org.gpupoor.arena.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.battle.Contender;
import org.gpupoor.arena.leaderboard.BoardRows.Standing;
import org.gpupoor.arena.leaderboard.ModelSpeed;
import org.gpupoor.arena.store.SuggestedTag;

/**
 * The shapes of the JSON bodies the controllers send, as records, so the code and
 * openapi.yaml describe one shape each (written snake_case by the arena's one ObjectMapper).
 */
final class Bodies {
    private Bodies() {}

    record Error(String error, String message) {}

    record Health(
            String status,
            String ollama,
            int modelsAvailable,
            int modelsApproved,
            String checkedAt,
            List<Host> hosts,
            String boards,
            @JsonInclude(JsonInclude.Include.NON_NULL) String ollamaProblem,
            @JsonInclude(JsonInclude.Include.NON_NULL) String leaderboardJsonProblem) {}

    record Host(
            String url,
            boolean up,
            int models,
            @JsonInclude(JsonInclude.Include.NON_NULL) String problem) {}

    record Arena(
            String name,
            String description,
            int maxPromptChars,
            boolean publishesPrompts,
            Voting voting,
            int maxTurns) {}

    /** How soon after the answers a vote counts: the page opens its vote buttons then. */
    record Voting(double minReadSeconds, double readingCharsPerSecond) {}

    record Models(String ollama, List<Model> models) {}

    record Model(
            String tag,
            String name,
            Double sizeB,
            String sizeSource,
            boolean available,
            String state,
            String reason,
            String quantization,
            boolean discovered,
            boolean hidden,
            int battles,
            LastError lastError,
            ModelSpeed speed,
            String digest) {}

    record LastError(String message, String at) {}

    record Prompt(String prompt) {}

    record Created(String id) {}

    record TurnAsked(String id, int turn) {}

    record Vote(
            String id,
            String winner,
            Map<String, Contender> models,
            Map<String, Standing> standings,
            boolean counted,
            String notCountedBecause,
            @JsonInclude(JsonInclude.Include.NON_NULL) String shareUrl) {}

    record Reloaded(List<String> changed, List<String> restartNeeded) {}

    record Visibility(String model, boolean hidden, boolean changed) {}

    record VoidedVote(String id, boolean voided, boolean boardsRebuilt) {}

    record VoidedVoter(String voter, int voided, boolean boardsRebuilt) {}

    record Voters(String dayStart, List<FlaggedVoter> voters) {}

    record FlaggedVoter(
            String voter,
            List<String> flags,
            int votes,
            int today,
            int forA,
            int forB,
            int ties,
            int bothBad,
            int tooFast,
            int voided,
            String firstVote,
            String lastVote) {}

    record Suggested(String tag, boolean counted, int voters) {}

    record Suggestions(List<SuggestedTag> suggestions) {}
}
