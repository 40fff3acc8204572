package org.gpupoor.arena.battle;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.config.Deadlines;
import org.gpupoor.arena.config.GenerationSettings;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.gpu.Residency;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.ollama.GenerationException;
import org.gpupoor.arena.ollama.GenerationResult;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.ollama.Watchdog;
import org.gpupoor.arena.store.BattleLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates both answers of a battle, side by side or one after the other, and stores them.
 * When one side fails the other is stopped: the battle cannot be voted on, so its answer would
 * only cost the machine time.
 */
final class BattleRunner {
    private static final Logger log = LoggerFactory.getLogger(BattleRunner.class);

    private final OllamaGateway ollama;
    private final ModelCatalog catalog;
    private final BattleLog battleLog;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final LiveConfig config;
    private final Clock clock;
    private final ArenaMetrics metrics;
    private final Residency residency;
    private final Function<LiveBattle, Set<String>> othersInUse;
    private final Runnable answersDone;
    private final BattleEnding ending;

    BattleRunner(
            OllamaGateway ollama,
            ModelCatalog catalog,
            BattleLog battleLog,
            ExecutorService workers,
            ScheduledExecutorService timers,
            LiveConfig config,
            Clock clock,
            ArenaMetrics metrics,
            Residency residency,
            Function<LiveBattle, Set<String>> othersInUse,
            Runnable answersDone) {
        this.residency = residency;
        this.othersInUse = othersInUse;
        this.answersDone = answersDone;
        this.ollama = ollama;
        this.metrics = metrics;
        this.catalog = catalog;
        this.battleLog = battleLog;
        this.workers = workers;
        this.timers = timers;
        this.config = config;
        this.clock = clock;
        this.ending = new BattleEnding(catalog, battleLog, config, clock);
    }

    /**
     * One watchdog per side, armed when that side starts; cancelling one stops that side. The
     * deadlines are those in force now: a later config reload does not change a battle's.
     */
    Map<Side, Watchdog> watchdogs() {
        Deadlines deadlines = config.current().deadlines();
        Map<Side, Watchdog> watchdogs = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            watchdogs.put(
                    side,
                    new Watchdog(
                            timers,
                            Duration.ofSeconds(deadlines.firstTokenSeconds()),
                            Duration.ofSeconds(deadlines.totalSeconds())));
        }
        return watchdogs;
    }

    /** Starts the generations and returns at once; {@code whenDone} runs once the battle has ended. */
    void start(LiveBattle battle, Map<Side, Watchdog> watchdogs, Runnable whenDone) {
        SideFailures failures = new SideFailures();
        // Both sides answer with the options in force now, whatever a reload changes meanwhile.
        GenerationSettings options = config.current().generation();
        if (parallel(battle, options)) {
            AtomicInteger remaining = new AtomicInteger(2);
            for (Side side : Side.values()) {
                workers.execute(() -> {
                    runSide(battle, side, options, watchdogs, failures);
                    if (remaining.decrementAndGet() == 0) {
                        finish(battle, failures, whenDone);
                    }
                });
            }
        } else {
            // A loaded model answers first: one voter's wait is then the load of the other alone.
            Side first = !residency.loaded(battle.contender(Side.A).tag())
                            && residency.loaded(battle.contender(Side.B).tag())
                    ? Side.B
                    : Side.A;
            workers.execute(() -> {
                runSide(battle, first, options, watchdogs, failures);
                runSide(battle, first.other(), options, watchdogs, failures);
                finish(battle, failures, whenDone);
            });
        }
    }

    /**
     * Both sides at once when so configured, or ({@code auto}) when both models are loaded or fit
     * in memory together beside those other battles are using: else the second load would evict
     * the first model mid-answer, or wait for it.
     */
    private boolean parallel(LiveBattle battle, GenerationSettings options) {
        return switch (options.parallelMode()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO ->
                residency.known()
                        && residency.fitTogether(
                                List.of(
                                        battle.contender(Side.A).tag(),
                                        battle.contender(Side.B).tag()),
                                othersInUse.apply(battle));
        };
    }

    /** The model is loaded now, and its load may have evicted others: a look at /api/ps says which. */
    private void noteAnswer(String tag, GenerationResult result) {
        try {
            residency.answered(tag, result.loadMs(), result.totalMs());
            residency.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not note what Ollama has loaded after an answer of {}: {}", tag, e.toString());
        }
    }

    /** Ends a battle that never left the queue. */
    void abandonWaiting(LiveBattle battle, String reason) {
        battle.failed(Side.A, reason, false);
        battle.failed(Side.B, reason, false);
        SideFailures failures = new SideFailures();
        failures.first.set("abandoned");
        finish(battle, failures, () -> {});
    }

    private void runSide(
            LiveBattle battle,
            Side side,
            GenerationSettings options,
            Map<Side, Watchdog> watchdogs,
            SideFailures failures) {
        Contender model = battle.contender(side);
        battle.started(side, residency.known() && !residency.loaded(model.tag()));
        try {
            GenerationResult result = ollama.generate(
                    model.tag(),
                    battle.conversation(side),
                    options,
                    watchdogs.get(side),
                    text -> battle.token(side, text, clock.instant()));
            battle.done(side, result);
            noteAnswer(model.tag(), result);
        } catch (GenerationException e) {
            if (!e.cancelled()) {
                failures.record(side, new SideFailures.SideFailure(e.reason(), e.getMessage(), e.modelMissing()));
            }
            battle.failed(side, e.getMessage(), !e.cancelled());
            watchdogs.get(side.other()).cancel();
        } catch (RuntimeException e) {
            log.error("Side {} of battle {} failed unexpectedly", side.wire(), battle.id(), e);
            // Our fault, not the model's: counted, but not shown as the model's last error.
            failures.record(side, new SideFailures.SideFailure("internal", null, false));
            battle.failed(side, "The arena hit an internal error while generating this answer.", true);
            watchdogs.get(side.other()).cancel();
        }
    }

    private void finish(LiveBattle battle, SideFailures failures, Runnable whenDone) {
        try {
            boolean answered =
                    battle.side(Side.A).result() != null && battle.side(Side.B).result() != null;
            if (!answered) {
                // It has failed: reported before its end event, so a client told of the failure finds
                // the model's state (not installed, last error) already changed.
                closed(battle, failures);
            }
            String ended = inLog(battle) ? ending.store(battle) : ending.unsaved(battle);
            metrics.battleEnded(
                    ended.equals("ready") ? "ready" : "failed",
                    switch (ended) {
                        case "ready" -> "none";
                        case "storage" -> "storage";
                        // Neither side failed on its own: the battle was stopped (abandoned, or the server stopping).
                        default -> failures.first.get() == null ? "cancelled" : failures.first.get();
                    });
            if (ended.equals("ready")) {
                answersDone.run();
            }
            if (answered && !ended.equals("ready")) {
                closed(battle, failures);
            }
        } finally {
            whenDone.run();
        }
    }

    /** Waits for the battle's row to be written (it is, long before its answers end, but for a side that fails at once). */
    private static boolean inLog(LiveBattle battle) {
        try {
            battle.logged().join();
            return true;
        } catch (CompletionException | CancellationException e) {
            return false;
        }
    }

    /**
     * A battle that failed or was stopped is closed: only now may its models' figures and
     * failures show on public responses (metrics, the Models tab), since while it could still
     * be voted on a reading before and after would have named its pair. A ready battle waits
     * for its vote.
     */
    private void closed(LiveBattle battle, SideFailures failures) {
        ClosedBattles.answered(metrics, battle);
        for (Side side : Side.values()) {
            SideFailures.SideFailure failure = failures.bySide.get(side);
            if (failure == null) {
                continue;
            }
            String tag = battle.contender(side).tag();
            metrics.answerFailed(tag, failure.reason());
            if (failure.message() != null) {
                catalog.recordFailure(tag, failure.message(), clock.instant());
            }
            if (failure.modelMissing()) {
                catalog.markNotInstalled(tag);
            }
        }
    }
}
