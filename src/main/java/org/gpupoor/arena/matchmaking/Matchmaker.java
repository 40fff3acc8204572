package org.gpupoor.arena.matchmaking;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.config.Matchmaking;
import org.gpupoor.arena.gpu.Residency;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.store.BattleLog;

/**
 * Chooses each battle's pair by {@code matchmaking.strategy}: {@link WarmMatchmaker} while the
 * hosts say what they have loaded, else {@link FairMatchmaker} (an Ollama without
 * {@code /api/ps}, or before its first answer).
 */
public final class Matchmaker {
    private final LiveConfig config;
    private final Residency residency;
    private final Leaderboard leaderboard;
    private final StrengthBoard strengths;
    private final RecentOpponents recentOpponents;
    private final Random random;
    private final AtomicReference<Pairing> planned = new AtomicReference<>();
    // Models picked for a battle not yet listed as generating: the preloader must not unload them.
    private final Set<String> reserved = ConcurrentHashMap.newKeySet();

    public Matchmaker(
            LiveConfig config,
            Residency residency,
            Leaderboard leaderboard,
            StrengthBoard strengths,
            BattleLog battleLog,
            Random random) {
        this.config = config;
        this.residency = residency;
        this.leaderboard = leaderboard;
        this.strengths = strengths;
        this.recentOpponents = new RecentOpponents(battleLog, FairMatchmaker.RECENT_OPPONENTS, System::nanoTime);
        this.random = random;
    }

    /** Whether the warm strategy is in force now: configured, and Ollama says what it has loaded. */
    public boolean warm() {
        return config.current().matchmaking().warm() && residency.known();
    }

    /**
     * The next battle's pair: the one preloaded for it if that is still fair, else a fresh pick.
     *
     * @param inUse the models of battles still generating
     */
    public synchronized Pairing pick(List<String> available, Set<String> inUse) {
        Pairing pairing = choose(available, inUse);
        reserved.addAll(pairing.models());
        return pairing;
    }

    /** A battle of {@code a} against {@code b} is in the log: each is the other's most recent opponent. */
    public void battled(String a, String b) {
        recentOpponents.battled(a, b);
    }

    /** The battle of {@code pairing} is now among those generating (or was never made). */
    public void release(Pairing pairing) {
        reserved.removeAll(pairing.models());
    }

    /** Models picked for battles about to start. */
    Set<String> reserved() {
        return Set.copyOf(reserved);
    }

    private Pairing choose(List<String> available, Set<String> inUse) {
        residency.lookOnce();
        Field field = field(available);
        if (!warm()) {
            return FairMatchmaker.pick(field, random);
        }
        Pairing warmed = planned.getAndSet(null);
        if (warmed != null && available.containsAll(warmed.models()) && WarmMatchmaker.fair(field, warmed)) {
            return random.nextBoolean() ? warmed : new Pairing(warmed.modelB(), warmed.modelA());
        }
        return warmPick(field, inUse);
    }

    /** Picks the pair the next battle should get, for the preloader to warm; that battle takes it if still fair. */
    Pairing plan(List<String> available, Set<String> inUse) {
        Pairing next = warmPick(field(available), inUse);
        planned.set(next);
        return next;
    }

    private Pairing warmPick(Field field, Set<String> inUse) {
        Matchmaking.Weights w = config.current().matchmaking().weights();
        double typical = residency.typicalLoadSeconds(field.available());
        return WarmMatchmaker.pick(
                field,
                pair -> residency.loadSeconds(pair, inUse) / typical,
                new WarmMatchmaker.Weights(w.load(), w.repeat(), w.ahead(), w.info()),
                random);
    }

    public Residency residency() {
        return residency;
    }

    Field field(List<String> available) {
        Map<String, Integer> battles = new HashMap<>();
        leaderboard.totals().forEach((model, tally) -> battles.put(model, tally.battles()));
        Map<String, Integer> pairs = new HashMap<>();
        for (PairCounts.Tally t : leaderboard.pairTallies()) {
            pairs.merge(Pairing.key(t.modelA(), t.modelB()), (int) t.count(), Integer::sum);
        }
        Map<String, Field.Strength> ratings = new HashMap<>();
        for (StrengthBoard.Row row : strengths.current().rows()) {
            ratings.put(row.model(), new Field.Strength(row.rating(), (row.ciHigh() - row.ciLow()) / 2));
        }
        return new Field(available, battles, pairs, recentOpponents::of, ratings);
    }
}
