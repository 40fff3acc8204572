package org.gpupoor.arena.matchmaking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.gpu.Residency;
import org.gpupoor.arena.ollama.LoadedModel;
import org.gpupoor.arena.ollama.OllamaUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While a voter reads, loads the pair the next battle will most likely get (the warm strategy's
 * pick now), so that battle starts warm. It makes room only by unloading idle models no running
 * battle uses, least recently used first, and never loads beyond what the host holds: with the
 * capacity unknown it loads nothing.
 */
public final class Preloader {
    private static final Logger log = LoggerFactory.getLogger(Preloader.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);

    private final Matchmaker matchmaker;
    private final Supplier<List<String>> available;
    private final Supplier<Set<String>> inUse;
    private final LiveConfig config;
    private final Executor thread;
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * @param available the models that can battle now
     * @param inUse     the models of battles still generating
     * @param thread    one thread: preloads never overlap
     */
    public Preloader(
            Matchmaker matchmaker,
            Supplier<List<String>> available,
            Supplier<Set<String>> inUse,
            LiveConfig config,
            Executor thread) {
        this.matchmaker = matchmaker;
        this.available = available;
        this.inUse = inUse;
        this.config = config;
        this.thread = thread;
    }

    /** A battle's answers are done: warm the next pair, unless a preload is already under way. */
    public void answersDone() {
        // keep_alive 0 would turn a preload into an unload.
        boolean kept = !config.current().generation().keepAlive().matches("0[a-z]*");
        if (kept && matchmaker.warm() && busy.compareAndSet(false, true)) {
            thread.execute(() -> {
                try {
                    warmNext();
                } catch (RuntimeException e) {
                    log.warn("Preloading the next pair failed", e);
                } finally {
                    busy.set(false);
                }
            });
        }
    }

    private void warmNext() {
        List<String> models = available.get();
        if (models.size() < 2) {
            return;
        }
        Residency residency = matchmaker.residency();
        residency.refresh();
        Pairing next = matchmaker.plan(models, inUse.get());
        for (String tag : next.models()) {
            if (residency.loaded(tag)) {
                continue;
            }
            try {
                // Under the matchmaker's lock: no battle is paired between the look at what is in
                // use and the unloads, so none can be given a model this is about to unload.
                synchronized (matchmaker) {
                    Set<String> keep = new HashSet<>(inUse.get());
                    keep.addAll(matchmaker.reserved());
                    keep.addAll(next.models());
                    if (!makeRoom(residency, tag, keep)) {
                        return;
                    }
                }
                long loadMs = residency
                        .ollama()
                        .load(tag, config.current().generation().keepAlive(), LOAD_TIMEOUT);
                residency.loaded(tag, loadMs);
                log.debug("Preloaded {} in {} ms for the next battle", tag, loadMs);
            } catch (OllamaUnavailableException e) {
                log.info("Could not preload {}: {}", tag, e.getMessage());
                return;
            }
        }
        residency.refresh();
    }

    /** Unloads idle models outside {@code keep} until {@code tag} fits; false when it cannot. */
    private static boolean makeRoom(Residency residency, String tag, Set<String> keep)
            throws OllamaUnavailableException {
        long need = residency.footprint(tag);
        long free = residency.free(tag);
        if (free < 0) {
            return false;
        }
        List<LoadedModel> victims = new ArrayList<>();
        for (LoadedModel m : residency.evictable(tag, keep)) {
            if (free >= need) {
                break;
            }
            victims.add(m);
            free += m.bytes();
        }
        if (free < need) {
            return false; // unload nothing for a load that would not fit anyway
        }
        for (LoadedModel m : victims) {
            residency.ollama().unload(m.tag(), residency.hostFor(tag));
        }
        return true;
    }
}
