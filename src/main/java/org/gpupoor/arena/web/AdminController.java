package org.gpupoor.arena.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import org.gpupoor.arena.battle.BattleIds;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.config.ConfigException;
import org.gpupoor.arena.config.ConfigWatcher;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.leaderboard.Boards;
import org.gpupoor.arena.leaderboard.HiddenModels;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.OperatorLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's door, behind {@code ARENA_ADMIN_TOKEN} (sent as {@code Authorization: Bearer
 * <token>}): the config in force and a reload of it, a consistent backup of the log while the
 * arena serves, and voiding a battle's vote. Without a token set, every admin route is refused.
 */
public final class AdminController {
    private static final Logger log = LoggerFactory.getLogger(AdminController.class);

    private final byte[] token;
    private final LiveConfig config;
    private final ConfigWatcher watcher;
    private final BattleLog battleLog;
    private final Leaderboard leaderboard;
    private final Boards boards;
    private final HiddenModels hidden;
    private final ModelCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;

    /** @param watcher null when the arena was not started from a config file (then reload is refused) */
    public AdminController(
            String token,
            LiveConfig config,
            ConfigWatcher watcher,
            BattleLog battleLog,
            Leaderboard leaderboard,
            Boards boards,
            HiddenModels hidden,
            ModelCatalog catalog,
            ObjectMapper json,
            Clock clock) {
        this.hidden = hidden;
        this.catalog = catalog;
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.config = config;
        this.watcher = watcher;
        this.battleLog = battleLog;
        this.leaderboard = leaderboard;
        this.boards = boards;
        this.json = json;
        this.clock = clock;
    }

    /** Before every admin route: 403 unless the request carries the token. */
    public void authorize(Context ctx) {
        if (token == null) {
            throw new ApiException(
                    403, "admin_disabled", "The admin API is off: start the arena with ARENA_ADMIN_TOKEN set.");
        }
        String header = ctx.header("Authorization");
        // RFC 7235: the scheme's name is case-insensitive ("bearer" is Bearer).
        boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length());
        byte[] given =
                bearer ? header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        // Constant time: how long a wrong token takes to refuse says nothing about how close it was.
        if (!MessageDigest.isEqual(given, token)) {
            throw new ApiException(
                    403, "forbidden", "This needs the admin token (Authorization: Bearer <ARENA_ADMIN_TOKEN>).");
        }
    }

    public void showConfig(Context ctx) {
        ObjectNode shown = json.valueToTree(config.current());
        if (!shown.path("ollama").path("api_key").isNull()
                && shown.path("ollama").has("api_key")) {
            ((ObjectNode) shown.get("ollama")).put("api_key", "(set)");
        }
        // A PostgreSQL URL may carry the log's password: as secret as the API key.
        if (shown.path("storage").path("url").isTextual()) {
            ((ObjectNode) shown.get("storage"))
                    .put("url", shown.get("storage").get("url").asText().replaceAll("password=[^&]*", "password=***"));
        }
        ctx.json(shown);
    }

    public void reloadConfig(Context ctx) {
        if (watcher == null) {
            throw ApiException.conflict("no_config_file", "This arena was not started from a config file.");
        }
        try {
            LiveConfig.Change change = watcher.reload();
            ctx.json(new Bodies.Reloaded(change.changed(), change.restartNeeded()));
        } catch (ConfigException e) {
            throw new ApiException(400, "invalid_config", e.getMessage() + " The previous config stays in force.");
        }
    }

    public void backup(Context ctx) throws IOException {
        // A file of its own in the temp folder, gone once sent (or at once if the copy fails).
        if (!battleLog.operators().canBackUp()) {
            throw ApiException.conflict(
                    "backup_unsupported",
                    "A backup through the arena is for an SQLite log; back PostgreSQL up with pg_dump.");
        }
        Path copy = Files.createTempFile("arena-backup", ".db");
        Files.delete(copy); // VACUUM INTO wants to create it
        try {
            battleLog.operators().backupTo(copy);
            log.info("Backup of the battle log sent ({} bytes)", Files.size(copy));
            ctx.result(Files.newInputStream(copy, StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        String name = "arena-backup-" + clock.instant().toString().replace(':', '-') + ".db";
        ctx.contentType("application/vnd.sqlite3")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    public void hideModel(Context ctx) {
        String tag = knownModel(ctx);
        boolean changed = hidden.hide(tag, clock.instant());
        log.info("Model {} hidden from the boards by the operator", tag);
        ctx.json(new Bodies.Visibility(tag, true, changed));
    }

    public void showModel(Context ctx) {
        String tag = knownModel(ctx);
        boolean changed = hidden.show(tag);
        ctx.json(new Bodies.Visibility(tag, false, changed));
    }

    /** A model the boards could show: approved (listed or discovered), or with counted battles. */
    private String knownModel(Context ctx) {
        String tag = org.gpupoor.arena.config.ModelTags.canonical(ctx.pathParam("tag"));
        if (leaderboard.totals().containsKey(tag) || catalog.find(tag).isPresent() || hidden.contains(tag)) {
            return tag;
        }
        throw ApiException.notFound("No model '" + tag + "' is approved or has battles on the boards.");
    }

    public void voidBattle(Context ctx) {
        String id = ctx.pathParam("id");
        if (!BattleIds.wellFormed(id)) {
            throw ApiException.notFound("No battle has that id.");
        }
        OperatorLog.Voided result = battleLog.operators().voidVote(id);
        if (result == OperatorLog.Voided.NO_BATTLE) {
            throw ApiException.notFound("No battle has the id '" + id + "'.");
        }
        if (result == OperatorLog.Voided.NO_VOTE) {
            throw ApiException.conflict("not_voted", "Battle " + id + " has no vote to void.");
        }
        if (result == OperatorLog.Voided.VOIDED) {
            log.info("Vote on battle {} voided by the operator", id);
            boards.logRewritten();
        }
        ctx.json(new Bodies.VoidedVote(id, true, result == OperatorLog.Voided.VOIDED));
    }
}
