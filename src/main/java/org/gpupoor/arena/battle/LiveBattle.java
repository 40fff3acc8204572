package org.gpupoor.arena.battle;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.gpupoor.arena.ollama.GenerationResult;
import org.gpupoor.arena.rating.Outcome;

/**
 * A battle in memory: who fights, how far it has got, both answers so far ({@link Answers}) and
 * every event sent about it ({@link BattleEvents}), all under one lock; and who watches it.
 */
public final class LiveBattle {
    public enum Status {
        GENERATING,
        READY,
        FAILED,
        VOTED,
        /** The voter asked for a new pair instead: closed, never votable. */
        SKIPPED
    }

    private final String id;
    private final String prompt;
    private final Instant createdAt;
    private volatile Map<Side, Contender> contenders;
    private volatile boolean waited;
    private volatile boolean begun;
    // A lock, not synchronized: a watcher waits here for the next event, and on Java 21 to 23 a
    // virtual thread waiting inside synchronized pins its carrier thread for all that time.
    private final ReentrantLock lock = new ReentrantLock();
    private final BattleEvents events = new BattleEvents(lock);
    private final Answers answers = new Answers(events);
    private final Watchers watchers;
    private String giveaway;
    private Status status = Status.GENERATING;
    private String failure;
    private Outcome outcome;
    private Instant lastActivity;
    private Instant endedAt;

    LiveBattle(String id, String prompt, Instant createdAt, Contender a, Contender b) {
        this.id = id;
        this.prompt = prompt;
        this.createdAt = createdAt;
        this.lastActivity = createdAt;
        this.watchers = new Watchers(createdAt);
        this.contenders = pair(a, b);
    }

    private static Map<Side, Contender> pair(Contender a, Contender b) {
        Map<Side, Contender> pair = new EnumMap<>(Side.class);
        pair.put(Side.A, a);
        pair.put(Side.B, b);
        return pair;
    }

    /** Another pair, chosen when the battle leaves the line (nothing about it has been shown yet). */
    void repair(Contender a, Contender b) {
        contenders = pair(a, b);
    }

    /** Whether the battle had to wait in line for a slot. */
    boolean waited() {
        return waited;
    }

    /** Whether it still waits in line: its models are not in use yet. */
    boolean waiting() {
        return waited && !begun;
    }

    public String id() {
        return id;
    }

    public String prompt() {
        return prompt;
    }

    /** When the first piece of either answer arrived; null before, and for a battle read back from the log. */
    public Instant firstTokenAt() {
        return locked(answers::firstTokenAt);
    }

    /** When both sides had finished; null while generating. */
    public Instant endedAt() {
        return locked(() -> endedAt);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Contender contender(Side side) {
        return contenders.get(side);
    }

    /** The battle waits for a free slot; {@code place} 1 is next. */
    void queued(int place) {
        waited = true;
        locked(() -> events.publish("queued", "position", place));
    }

    /** Someone is watching: a client read the battle or its events. */
    public void touched(Instant at) {
        watchers.touched(at);
    }

    /** When a client last read the battle or its events. */
    Instant lastWatched() {
        return watchers.lastWatched();
    }

    public void watcherJoined() {
        watchers.joined();
    }

    public void watcherLeft(Instant at) {
        watchers.left(at);
    }

    boolean watched() {
        return watchers.any();
    }

    /** A side's generation has begun; {@code loading}: its model is not in memory, so it loads first. */
    void started(Side side, boolean loading) {
        begun = true;
        locked(() -> events.publish("started", "side", side.wire(), "loading", loading));
    }

    /** A piece of an answer as it streams in at {@code at}. */
    void token(Side side, String text, Instant at) {
        locked(() -> answers.token(side, text, at));
    }

    void token(Side side, String text) {
        locked(() -> answers.token(side, text));
    }

    void done(Side side, GenerationResult r) {
        locked(() -> answers.done(side, r));
    }

    void failed(Side side, String message, boolean onItsOwn) {
        locked(() -> answers.failed(side, message, onItsOwn));
    }

    /** Both sides have finished: the battle is votable only if both answered. */
    void end(Instant at, String storageProblem, String identityGiveaway) {
        locked(() -> {
            if (status == Status.SKIPPED) {
                endedAt = at; // its stream already ended when it was skipped
                return;
            }
            giveaway = identityGiveaway;
            endedAt = at;
            boolean ok = answers.bothAnswered() && storageProblem == null;
            status = ok ? Status.READY : Status.FAILED;
            failure = ok ? null : storageProblem != null ? storageProblem : answers.failureReason();
            lastActivity = at;
            events.publish("end", "status", status.name().toLowerCase(), "reason", failure);
        });
    }

    /** Closes the battle for a new pair; one still generating ends its event stream here. */
    void markSkipped(Instant at) {
        locked(() -> {
            boolean streaming = status == Status.GENERATING;
            status = Status.SKIPPED;
            failure = null;
            lastActivity = at;
            if (streaming) {
                events.publish("end", "status", "skipped", "reason", null);
            }
        });
    }

    void markVoted(Outcome verdict, Instant at) {
        locked(() -> {
            status = Status.VOTED;
            outcome = verdict;
            lastActivity = at;
        });
    }

    /**
     * Events after {@code lastSeenId}, waiting up to {@code timeoutMillis} for one if there are none
     * yet. A client that has seen everything of a finished battle gets the {@code end} event again,
     * so that it stops instead of waiting for events that will never come.
     */
    public List<BattleEvent> eventsAfter(long lastSeenId, long timeoutMillis) throws InterruptedException {
        return events.after(lastSeenId, timeoutMillis, () -> status != Status.GENERATING);
    }

    public Status status() {
        return locked(() -> status);
    }

    public String failure() {
        return locked(() -> failure);
    }

    public Outcome outcome() {
        return locked(() -> outcome);
    }

    /** The word by which an answer gave its author away, or null. Never shown before the vote. */
    public String giveaway() {
        return locked(() -> giveaway);
    }

    public Instant lastActivity() {
        return locked(() -> lastActivity);
    }

    public SideView side(Side side) {
        return locked(() -> answers.view(side));
    }

    /** Why the battle cannot be voted on, naming the side that failed first on its own account. */
    String failureReason() {
        return locked(answers::failureReason);
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private void locked(Runnable change) {
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
    }
}
