package org.gpupoor.arena.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.leaderboard.BoardRows.Standing;
import org.gpupoor.arena.leaderboard.HiddenModels;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.leaderboard.ModelSizes;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.Database;
import org.gpupoor.arena.store.NewBattle;
import org.gpupoor.arena.store.SideRecord;

/**
 * The log, the catalog and the boards built with plain {@code new} on an SQLite file, with no
 * server and no Ollama: the catalog knows the configured models and their sizes from their names
 * and never looks at Ollama unless asked to.
 */
public final class OfflineBoards implements AutoCloseable {
    /** Nothing listens here: the port is reserved, and only a battle that asks Ollama would try it. */
    public static final String NO_OLLAMA = "http://127.0.0.1:9";

    public final ArenaConfig config;
    public final Database database;
    public final BattleLog log;
    public final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();
    public final OllamaGateway ollama;
    public final ModelCatalog catalog;
    public final ModelSizes sizes;
    public final HiddenModels hidden;
    public final Leaderboard leaderboard;
    private final AtomicLong ids = new AtomicLong();

    public OfflineBoards(Path dir, ArenaConfig config) {
        this.config = config;
        this.database = Database.open(dir.resolve("arena.db"));
        this.log = new BattleLog(database.dataSource());
        this.ollama = new OllamaGateway(config, background);
        this.catalog = new ModelCatalog(config, ollama, Clock.systemUTC(), background);
        this.sizes = new ModelSizes(catalog, log);
        this.hidden = new HiddenModels(log);
        this.leaderboard = new Leaderboard(log, catalog, sizes, hidden, false);
        leaderboard.load();
    }

    /** A config listing {@code tagToName} (names carry the sizes, as in "(1B)"), Ollama nowhere. */
    public static ArenaConfig config(Path dir, Map<String, String> tagToName) {
        return TestArena.config(NO_OLLAMA, dir).models(tagToName).build();
    }

    /** A finished battle, ready for its vote, in the log; returns its id. */
    public String readyBattle(String modelA, String modelB) {
        return readyBattle(modelA, modelB, "Why is the sky blue?");
    }

    /** The same with this prompt. */
    public String readyBattle(String modelA, String modelB, String prompt) {
        SideRecord answer = new SideRecord("An answer.", 3, 30.0, 10L, 100L, "stop", null);
        return readyBattle(modelA, modelB, prompt, answer, answer);
    }

    /** The same with these answers. */
    public String readyBattle(String modelA, String modelB, String prompt, SideRecord a, SideRecord b) {
        String id = String.format("offline%015d", ids.incrementAndGet()); // 22 characters, as battle ids are
        Instant now = Instant.now();
        log.insert(new NewBattle(id, now, prompt, modelA, modelB, null, null));
        log.finish(id, true, null, null, a, b, now);
        return id;
    }

    /** A battle voted as the arena votes: logged, then counted on the boards under the log's write lock. */
    public Map<String, Standing> vote(String modelA, String modelB, Outcome outcome) {
        return vote(modelA, modelB, outcome, "Why is the sky blue?");
    }

    /** The same for a battle on this prompt. */
    public Map<String, Standing> vote(String modelA, String modelB, Outcome outcome, String prompt) {
        return vote(readyBattle(modelA, modelB, prompt), modelA, modelB, outcome, Instant.now());
    }

    /** A battle on this prompt with these answers, voted. */
    public Map<String, Standing> vote(
            String modelA, String modelB, Outcome outcome, String prompt, SideRecord a, SideRecord b) {
        return vote(modelA, modelB, outcome, prompt, a, b, Instant.now());
    }

    /** The same, the vote cast at {@code votedAt}. */
    public Map<String, Standing> vote(
            String modelA, String modelB, Outcome outcome, String prompt, SideRecord a, SideRecord b, Instant votedAt) {
        return vote(readyBattle(modelA, modelB, prompt, a, b), modelA, modelB, outcome, votedAt);
    }

    private Map<String, Standing> vote(String id, String modelA, String modelB, Outcome outcome, Instant votedAt) {
        AtomicReference<Map<String, Standing>> standings = new AtomicReference<>();
        try {
            log.recordVote(
                    id,
                    outcome,
                    votedAt,
                    () -> standings.set(leaderboard
                            .apply(new CountedBattle(modelA, modelB, outcome))
                            .join()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return standings.get();
    }

    @Override
    public void close() {
        background.shutdownNow();
        log.close();
        database.close();
    }
}
