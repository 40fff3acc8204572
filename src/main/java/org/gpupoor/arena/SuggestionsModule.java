package org.gpupoor.arena;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gpupoor.arena.concurrent.Threads;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.suggestion.SuggestionReview;
import org.gpupoor.arena.suggestion.Suggestions;
import org.gpupoor.arena.web.RateLimiter;

/** Voters' model suggestions: the service, the operator's review, and the per-address hourly limit. */
final class SuggestionsModule implements Module {
    final Suggestions suggestions;
    final SuggestionReview review;
    final RateLimiter limit;
    private final LiveConfig live;
    private final ScheduledExecutorService housekeeping = Threads.single("suggestions");

    SuggestionsModule(ArenaConfig config, LiveConfig live, BattleLog battleLog, OllamaModule ollama, Clock clock) {
        this.live = live;
        suggestions = new Suggestions(battleLog.suggestions(), clock);
        review = new SuggestionReview(suggestions, ollama.catalog, ollama.ollama, live);
        limit = RateLimiter.perHour(config.rateLimits().suggestionsPerHour());
    }

    @Override
    public void start() {
        live.onChange((before, next) -> limit.setAllowance(next.rateLimits().suggestionsPerHour()));
        housekeeping.scheduleWithFixedDelay(() -> Module.safely(limit::forgetIdle), 10, 10, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
    }
}
