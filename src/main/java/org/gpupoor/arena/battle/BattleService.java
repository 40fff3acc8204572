package org.gpupoor.arena.battle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.CatalogSnapshot;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.leaderboard.BoardRows.Standing;
import org.gpupoor.arena.leaderboard.Boards;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.leaderboard.ModelSizes;
import org.gpupoor.arena.matchmaking.Matchmaker;
import org.gpupoor.arena.matchmaking.Pairing;
import org.gpupoor.arena.matchmaking.Preloader;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.ollama.Watchdog;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.NewBattle;
import org.gpupoor.arena.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A battle's life: pairing, generation, lookup and the one vote it may receive. Knows nothing of HTTP: its refusals are its own exceptions. */
public final class BattleService {
    private static final Logger log = LoggerFactory.getLogger(BattleService.class);
    private static final Duration CATALOG_MAX_AGE = Duration.ofSeconds(5);
    private static final Duration KEEP_FINISHED_IN_MEMORY = Duration.ofMinutes(30);

    /**
     * The answer to a vote: who was who, and where they stand now. {@code standings} is null and
     * {@code notCounted} says why when the battle is left out of the boards.
     */
    public record VoteResult(
            String id,
            Outcome winner,
            Map<String, Contender> models,
            Map<String, Standing> standings,
            String notCounted) {}

    private final BattleLog battleLog;
    private final ModelCatalog catalog;
    private final Leaderboard leaderboard;
    private final Boards boards;
    private final BattleRunner runner;
    private final BattleQueue queue;
    private final Duration abandonAfter;
    private final LiveConfig config;
    private final Clock clock;
    private final Matchmaker matchmaker;
    private final Preloader preloader;
    private final LatePairing latePairing;
    private final Voting voting;
    private final ArenaMetrics metrics;
    private final BallotBox ballots;
    private final BattleLookup lookup;
    private final LiveBattles battles = new LiveBattles();
    private final Executor logWriter;

    public BattleService(
            BattleLog battleLog,
            ModelCatalog catalog,
            Leaderboard leaderboard,
            Boards boards,
            OllamaGateway ollama,
            ExecutorService workers,
            ScheduledExecutorService timers,
            LiveConfig config,
            Clock clock,
            Matchmaker matchmaker,
            Executor preloads,
            ArenaMetrics metrics) {
        this.battleLog = battleLog;
        this.logWriter = workers;
        this.metrics = metrics;
        this.ballots = new BallotBox(battleLog, config, clock);
        this.catalog = catalog;
        this.lookup = new BattleLookup(battles, battleLog, catalog, new ModelSizes(catalog, battleLog));
        this.leaderboard = leaderboard;
        this.boards = boards;
        this.matchmaker = matchmaker;
        this.preloader = new Preloader(matchmaker, this::availableNow, this::inUse, config, preloads);
        this.voting = new Voting(battleLog, leaderboard, boards, ballots, battles, config, clock, metrics);
        this.latePairing = new LatePairing(matchmaker, catalog, battleLog, battles::inUseBesides);
        this.runner = new BattleRunner(
                ollama,
                catalog,
                battleLog,
                workers,
                timers,
                config,
                clock,
                metrics,
                matchmaker.residency(),
                battles::inUseBesides,
                preloader::answersDone);
        this.queue = new BattleQueue(config.current().capacity().maxConcurrentBattles());
        this.abandonAfter = Duration.ofSeconds(config.current().capacity().abandonAfterSeconds());
        this.config = config;
        this.clock = clock;
    }

    private List<String> availableNow() {
        return catalog.current().available().stream().map(CatalogEntry::tag).toList();
    }

    /** The models of every battle generating now. */
    private Set<String> inUse() {
        return battles.inUseBesides(null);
    }

    public LiveBattle create(String prompt) {
        return create(prompt, null);
    }

    /**
     * The same prompt with another pair, the battle passed over closed for good (never votable,
     * never counted; stopped if it was still generating). One of its two models sits the new
     * battle out, picked at random, so the pair is always new and either model may stay.
     */
    public LiveBattle newPair(String id) {
        LiveBattle old = find(id);
        old.awaitLogged(); // made a moment ago, its row may still be on its way to the log
        switch (old.status()) {
            case VOTED -> throw new NotVotableException("already_voted", "This battle already has its vote.");
            case SKIPPED ->
                throw new NotVotableException("skipped", "This battle was already passed over for a new pair.");
            default -> {}
        }
        if (catalog.current().available().size() < 3) {
            throw new NotVotableException(
                    "no_other_pair", "Only two models can battle now, so there is no other pair to ask.");
        }
        if (!battleLog.skip(id, clock.instant())) {
            throw new NotVotableException("already_voted", "This battle already has its vote.");
        }
        old.markSkipped(clock.instant());
        if (queue.withdraw(old)) {
            runner.abandonWaiting(old, "Passed over for a new pair before it started.");
        } else {
            battles.cancel(old);
        }
        Side out = ThreadLocalRandom.current().nextBoolean() ? Side.A : Side.B;
        return create(old.prompt(), old.contender(out).tag());
    }

    private LiveBattle create(String prompt, String sittingOut) {
        String text = Prompts.check(prompt, config.current().maxPromptChars());
        CatalogSnapshot snapshot = catalog.fresh(CATALOG_MAX_AGE);
        if (!snapshot.ollamaUp()) {
            throw new ArenaUnavailableException(
                    "ollama_down", snapshot.ollamaProblem() + ". Try again once Ollama is running.");
        }
        List<CatalogEntry> available = snapshot.available().stream()
                .filter(e -> !e.tag().equals(sittingOut))
                .toList();
        if (available.size() < 2) {
            throw new ArenaUnavailableException(
                    "no_models",
                    "A battle needs two available models; " + available.size() + " of "
                            + snapshot.models().size() + " approved models are available. See GET /api/models.");
        }
        Pairing pairing =
                matchmaker.pick(available.stream().map(CatalogEntry::tag).toList(), inUse());
        Map<String, CatalogEntry> byTag = available.stream().collect(Collectors.toMap(CatalogEntry::tag, e -> e));
        Contender a = contender(byTag.get(pairing.modelA()));
        Contender b = contender(byTag.get(pairing.modelB()));

        try {
            return start(text, a, b);
        } finally {
            matchmaker.release(pairing);
        }
    }

    /**
     * Starts the battle's generation, then writes its row on another thread: the first token does
     * not wait for the log. Its answers are stored only once the row is in (see {@link
     * LiveBattle#logged()}); a row that cannot be written stops the battle.
     */
    private LiveBattle start(String text, Contender a, Contender b) {
        String id = BattleIds.next();
        Instant createdAt = clock.instant();
        NewBattle row =
                new NewBattle(id, createdAt, text, a.tag(), b.tag(), a.sizeB(), b.sizeB(), digest(a), digest(b));
        CompletableFuture<Void> logged = new CompletableFuture<>();
        LiveBattle battle = new LiveBattle(id, text, createdAt, a, b, logged);
        matchmaker.battled(a.tag(), b.tag());
        Map<Side, Watchdog> watchdogs = runner.watchdogs();
        battles.add(battle, watchdogs);
        metrics.battleStarted();
        queue.submit(battle, () -> {
            latePairing.atStart(battle);
            runner.start(battle, watchdogs, queue::release);
        });
        try {
            logWriter.execute(() -> log(battle, row));
        } catch (RejectedExecutionException e) {
            logged.completeExceptionally(new StoreException("The arena is stopping", e));
            battles.cancel(battle);
        }
        return battle;
    }

    private void log(LiveBattle battle, NewBattle row) {
        try {
            battleLog.insert(row);
            battle.logged().complete(null);
        } catch (RuntimeException e) {
            log.error("Could not record battle {}; it is stopped", battle.id(), e);
            battle.logged().completeExceptionally(e);
            if (queue.withdraw(battle)) {
                runner.abandonWaiting(battle, "The battle could not be saved.");
            } else {
                battles.cancel(battle);
            }
        }
    }

    /**
     * A follow-up prompt, sent to both models with the conversation so far; returns its turn
     * number. Only while the battle waits for its vote with both answers in, up to {@code max_turns}.
     */
    public int followUp(String id, String prompt) {
        LiveBattle battle = find(id);
        battle.checkFollowUp(config.current().maxTurns());
        String text = Prompts.check(prompt, config.current().maxPromptChars());
        int turn = battle.turn() + 1;
        if (!battleLog.turns().begin(id, turn, text, clock.instant())) {
            // Another request took this turn, or the vote came first.
            throw new NotVotableException("not_ready", "The battle changed meanwhile; read it again.");
        }
        battle.beginTurn(text, clock.instant());
        Map<Side, Watchdog> watchdogs = runner.watchdogs();
        battles.add(battle, watchdogs);
        queue.submit(battle, () -> runner.start(battle, watchdogs, queue::release));
        return turn;
    }

    /** The battle with this id, from memory or the log; 404 when there is none. */
    public LiveBattle find(String id) {
        return lookup.find(id);
    }

    /**
     * A vote from {@code voter} at {@code address} (keyed hashes; null when unknown), within the
     * voter rules (see {@link BallotBox}).
     */
    public VoteResult vote(String id, Outcome winner, String voter, String address) {
        return voting.vote(find(id), winner, voter, address);
    }

    /** Drops finished battles nobody has touched for a while from memory; the log still has them. */
    public void evictIdle() {
        battles.evictIdle(clock::instant, KEEP_FINISHED_IN_MEMORY);
        ballots.forgetOtherDays();
    }

    /**
     * Stops battles nobody is watching any more (no open event stream, no read for a while), so
     * that a voter who closed the tab does not keep the machine busy or hold others' place in line.
     */
    public void closeAbandoned() {
        for (LiveBattle battle : battles.unwatchedSince(clock.instant().minus(abandonAfter))) {
            if (queue.withdraw(battle)) {
                runner.abandonWaiting(
                        battle, "Nobody was watching this battle any more, so it was stopped before it started.");
            } else {
                battles.cancel(battle);
            }
        }
    }

    /** Stops every generation still running (at shutdown). */
    public void cancelAll() {
        battles.cancelAll();
    }

    private String digest(Contender c) {
        return catalog.find(c.tag()).map(CatalogEntry::digest).orElse(null);
    }

    private Contender contender(CatalogEntry e) {
        return new Contender(e.tag(), e.name(), e.sizeB());
    }
}
