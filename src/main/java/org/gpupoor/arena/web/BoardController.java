package org.gpupoor.arena.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.category.Categories;
import org.gpupoor.arena.leaderboard.BoardRows.EloRow;
import org.gpupoor.arena.leaderboard.BoardRows.MainRow;
import org.gpupoor.arena.leaderboard.ControlledBoard;
import org.gpupoor.arena.leaderboard.HiddenModels;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.leaderboard.ModelSpeed;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.rating.BradleyTerry;

/** The boards: each answered from {@link BoardCache} for the version of the data behind it. */
public final class BoardController {
    private final ModelCatalog catalog;
    private final Leaderboard leaderboard;
    private final StrengthBoard strengths;
    private final ControlledBoard controlled;
    private final BoardCache boards;
    private final HiddenModels hidden;
    private final Categories categories;

    public BoardController(
            ModelCatalog catalog,
            Leaderboard leaderboard,
            StrengthBoard strengths,
            ControlledBoard controlled,
            HiddenModels hidden,
            Categories categories,
            ObjectMapper json) {
        this.catalog = catalog;
        this.leaderboard = leaderboard;
        this.strengths = strengths;
        this.controlled = controlled;
        this.boards = new BoardCache(json);
        this.hidden = hidden;
        this.categories = categories;
    }

    /** A board row with the model's speed beside it. */
    record WithSpeed<T>(@JsonUnwrapped T row, ModelSpeed speed) {}

    public void categories(Context ctx) {
        boards.serve(ctx, "categories", version() + "." + categories.version(), categories::list);
    }

    /** The category a board is asked for, null for all battles; an unknown one is refused with the known ones. */
    private String category(Context ctx) {
        String name = ctx.queryParam("category");
        if (name == null || name.isEmpty() || name.equals("all")) {
            return null;
        }
        if (!categories.known(name)) {
            throw ApiException.badRequest("There is no category '" + ArenaController.abbreviate(name) + "'. Known: "
                    + String.join(", ", categories.names()) + " (GET /api/categories).");
        }
        return name;
    }

    /** A board of one category: replayed from the log, so under a stream of votes it is redone every few seconds. */
    private void serveCategory(Context ctx, String board, String category, Supplier<Object> build) {
        boards.serve(ctx, board + ":" + category, version() + "." + categories.version(), Duration.ofSeconds(5), build);
    }

    public void mainBoard(Context ctx) {
        leaderboard.requireLoaded();
        serveRows(
                ctx,
                "main",
                leaderboard::mainBoard,
                c -> leaderboard.category(c).main(),
                MainRow::model);
    }

    public void eloBoard(Context ctx) {
        leaderboard.requireLoaded();
        serveRows(
                ctx, "elo", leaderboard::eloBoard, c -> leaderboard.category(c).elo(), EloRow::model);
    }

    /** A board of the original's, of every battle or of the category asked for, each row with its model's speed. */
    private <T> void serveRows(
            Context ctx,
            String board,
            Supplier<List<T>> all,
            Function<String, List<T>> ofCategory,
            Function<T, String> model) {
        String category = category(ctx);
        Function<List<T>, Object> body = rows -> {
            StrengthBoard.Result fitted = strengths.current();
            Map<String, Object> answer = new LinkedHashMap<>();
            if (category != null) {
                answer.put("category", category);
            }
            answer.put(
                    "rows",
                    rows.stream()
                            .map(r -> new WithSpeed<>(r, fitted.speedOf(model.apply(r))))
                            .toList());
            return answer;
        };
        if (category != null) {
            serveCategory(ctx, board, category, () -> body.apply(ofCategory.apply(category)));
        } else {
            boards.serve(ctx, board, version(), () -> body.apply(all.get()));
        }
    }

    /**
     * What every board depends on: the counted votes (and sizes), the last Bradley-Terry refit,
     * and the approved models' names and states. Taken before building, so a board built from
     * newer data than its tag names is only ever rebuilt once more, never served stale.
     */
    private String version() {
        return leaderboard.version() + "." + fitVersion();
    }

    /** The Bradley-Terry board and matrix change only with a refit (which also takes the models' names). */
    private String fitVersion() {
        return strengths.version() + "."
                + Integer.toHexString(catalog.current().models().hashCode()) + "." + hidden.version();
    }

    public void strengthBoard(Context ctx) {
        requireFitted();
        String category = category(ctx);
        ControlledBoard.Control control = control(ctx);
        if (control != null) {
            String key = "bt:" + control.wire() + ":" + (category == null ? "all" : category);
            boards.serve(ctx, key, version() + "." + categories.version(), Duration.ofSeconds(5), () -> {
                ControlledBoard.Result result = controlled.fit(control, category);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("battles", result.battles());
                body.put("anchor", anchor(result.anchor()));
                if (category != null) {
                    body.put("category", category);
                }
                body.put("control", control.wire());
                body.put("rows", hidden.strengthRows(result.rows()));
                body.put("coefficients", result.coefficients());
                return body;
            });
            return;
        }
        if (category != null) {
            serveCategory(ctx, "bt", category, () -> {
                StrengthBoard.Result result =
                        strengths.fittedOn(leaderboard.category(category).battles());
                Map<String, Object> body = strengthBody(result);
                body.put("category", category);
                return body;
            });
            return;
        }
        boards.serve(ctx, "bt", fitVersion(), () -> strengthBody(strengths.current()));
    }

    /** The Bradley-Terry boards come from the counts the replay makes, in a fit that lands a moment after it. */
    private void requireFitted() {
        leaderboard.requireLoaded();
        strengths.requireFitted();
    }

    /** What the Bradley-Terry board is asked to hold equal, null for nothing; an unknown control is refused. */
    private static ControlledBoard.Control control(Context ctx) {
        String name = ctx.queryParam("control");
        if (name == null || name.isEmpty() || name.equals("none")) {
            return null;
        }
        return ControlledBoard.Control.fromWire(name)
                .orElseThrow(() -> ApiException.badRequest(
                        "There is no control '" + ArenaController.abbreviate(name) + "'. Known: none, style, speed."));
    }

    private static Map<String, Object> anchor(BradleyTerry.Anchor anchor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", anchor.model());
        body.put("rating", anchor.rating());
        return body;
    }

    private Map<String, Object> strengthBody(StrengthBoard.Result result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("battles", result.battles());
        body.put("anchor", anchor(result.anchor()));
        body.put("rows", hidden.strengthRows(result.rows()));
        return body;
    }

    public void strengthMatrix(Context ctx) {
        requireFitted();
        boards.serve(
                ctx,
                "matrix",
                fitVersion(),
                () -> hidden.matrix(strengths.current().matrix()));
    }

    public void eloHistory(Context ctx) {
        leaderboard.requireLoaded();
        // Replaying the log for the chart holds up votes; under a stream of votes it is redone every few seconds.
        boards.serve(
                ctx, "elo-history", version(), Duration.ofSeconds(5), () -> hidden.history(leaderboard.eloHistory()));
    }

    public void headToHead(Context ctx) {
        leaderboard.requireLoaded();
        boards.serve(ctx, "head-to-head", version(), () -> hidden.headToHead(leaderboard.headToHead()));
    }
}
