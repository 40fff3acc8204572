package org.gpupoor.arena.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.CatalogSnapshot;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.leaderboard.HiddenModels;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.leaderboard.LeaderboardExport;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.modelcard.ModelCards;

/** The arena as a whole: its health, its models, its example prompts (the boards: {@link BoardController}). */
public final class ArenaController {
    private final LiveConfig config;
    private final ModelCatalog catalog;
    private final Leaderboard leaderboard;
    private final LeaderboardExport export;
    private final StrengthBoard strengths;
    private final Random random;
    private final HiddenModels hidden;
    private final ModelCards cards;

    public ArenaController(
            LiveConfig config,
            ModelCatalog catalog,
            Leaderboard leaderboard,
            LeaderboardExport export,
            StrengthBoard strengths,
            HiddenModels hidden,
            ModelCards cards,
            Random random) {
        this.hidden = hidden;
        this.cards = cards;
        this.strengths = strengths;
        this.config = config;
        this.catalog = catalog;
        this.leaderboard = leaderboard;
        this.export = export;
        this.random = random;
    }

    public void health(Context ctx) {
        CatalogSnapshot snapshot = catalog.current();
        ctx.json(new Bodies.Health(
                "ok",
                snapshot.ollamaState(),
                snapshot.available().size(),
                snapshot.models().size(),
                snapshot.checkedAt().toString(),
                catalog.hosts().stream()
                        .map(h -> new Bodies.Host(h.url(), h.up(), h.models(), h.problem()))
                        .toList(),
                leaderboard.loadState().wire(),
                snapshot.ollamaUp() ? null : snapshot.ollamaProblem(),
                export.problem()));
    }

    public void arena(Context ctx) {
        ArenaConfig now = config.current();
        ctx.json(new Bodies.Arena(
                now.name(),
                now.description(),
                now.maxPromptChars(),
                now.openData().includePromptsAndAnswers(),
                new Bodies.Voting(now.voters().minReadSeconds(), now.voters().readingCharsPerSecond()),
                now.maxTurns()));
    }

    public void models(Context ctx) {
        CatalogSnapshot snapshot = catalog.current();
        Map<String, org.gpupoor.arena.rating.WinLossTable.Tally> totals = leaderboard.totals();
        ctx.json(new Bodies.Models(
                snapshot.ollamaState(),
                snapshot.models().stream()
                        .map(e -> model(e, totals.get(e.tag())))
                        .toList()));
    }

    private Bodies.Model model(CatalogEntry e, org.gpupoor.arena.rating.WinLossTable.Tally tally) {
        return new Bodies.Model(
                e.tag(),
                e.name(),
                e.sizeB(),
                e.sizeSource(),
                e.available(),
                e.state().name().toLowerCase(),
                e.reason(),
                e.quantization(),
                e.discovered(),
                hidden.contains(e.tag()),
                tally == null ? 0 : tally.battles(),
                catalog.lastError(e.tag())
                        .map(err -> new Bodies.LastError(err.message(), err.at().toString()))
                        .orElse(null),
                strengths.current().speedOf(e.tag()),
                e.digest());
    }

    /** A model's card: what Ollama says of it, the line that pulls it, and its figures here. */
    public void modelCard(Context ctx) {
        String tag = ctx.queryParam("tag");
        if (tag == null || tag.isBlank()) {
            throw ApiException.badRequest("Say which model: GET /api/models/card?tag=<Ollama tag>.");
        }
        ctx.json(cards.card(tag)
                .orElseThrow(() -> ApiException.notFound("No approved model has the tag '" + abbreviate(tag) + "'.")));
    }

    public void randomPrompt(Context ctx) {
        List<String> prompts = config.current().examplePrompts();
        if (prompts.isEmpty()) {
            throw ApiException.notFound("No example prompts are configured (example_prompts in the config).");
        }
        ctx.json(new Bodies.Prompt(prompts.get(random.nextInt(prompts.size()))));
    }

    /** Long user input shortened for an error message. */
    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
