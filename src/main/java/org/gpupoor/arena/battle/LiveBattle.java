package org.gpupoor.arena.battle;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    private final CompletableFuture<Void> logged;
    private final BattleEvents events = new BattleEvents(lock);
    private final Turns turns;
    private final Watchers watchers;
    private String giveaway;
    private Status status = Status.GENERATING;
    private String failure;
    private Outcome outcome;
    private Instant lastActivity;
    private Instant endedAt;

    /** {@code logged} completes once the battle's row is in the log (see {@link #logged()}). */
    LiveBattle(String id, String prompt, Instant createdAt, Contender a, Contender b, CompletableFuture<Void> logged) {
        this.id = id;
        this.logged = logged;
        this.prompt = prompt;
        this.createdAt = createdAt;
        this.lastActivity = createdAt;
        this.watchers = new Watchers(createdAt);
        this.contenders = pair(a, b);
        this.turns = new Turns(events, prompt);
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

    /**
     * Completes once the battle's row is in the log, or fails if it could not be written. A new
     * battle starts generating before that, so its first token does not wait for the disk.
     */
    CompletableFuture<Void> logged() {
        return logged;
    }

    /** Whether the battle's row is in the log now (without waiting for it). */
    boolean inLog() {
        return logged.isDone() && !logged.isCompletedExceptionally();
    }

    /** Waits until the battle is in the log; throws what the log threw if it could not be written. */
    public void awaitLogged() {
        try {
            logged.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
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

    /** The first turn's prompt. */
    public String prompt() {
        return prompt;
    }

    /** The number of the last turn: 1 until the voter asks a follow-up. */
    public int turn() {
        return locked(turns::count);
    }

    /** The last turn's prompt, the one being answered. */
    String currentPrompt() {
        return locked(turns::currentPrompt);
    }

    /** Every prompt so far, joined. */
    String allPrompts() {
        return locked(turns::allPrompts);
    }

    /** What {@code side}'s model is asked to continue: prompts and its own answers alternating. */
    List<String> conversation(Side side) {
        return locked(() -> turns.conversation(side));
    }

    /** Every turn with its prompt and both answers as they stand. */
    List<Turns.TurnView> turns() {
        return locked(turns::views);
    }

    /** Why no follow-up may be asked now, as the refusal to throw; none when one may. */
    void checkFollowUp(int maxTurns) {
        locked(() -> {
            // The limit first: it holds for good, where "still generating" passes.
            if (turns.count() >= maxTurns && (status == Status.READY || status == Status.GENERATING)) {
                throw new NotVotableException(
                        "max_turns", "This battle has had its " + maxTurns + " turns; vote on the conversation.");
            }
            switch (status) {
                case GENERATING ->
                    throw new NotVotableException("not_ready", "Both answers must finish before you ask a follow-up.");
                case FAILED ->
                    throw new NotVotableException(
                            "battle_failed", "This battle failed, so it takes no follow-up: " + failure);
                case VOTED ->
                    throw new NotVotableException(
                            "already_voted", "This battle already has its vote, so it takes no follow-up.");
                case SKIPPED ->
                    throw new NotVotableException(
                            "skipped", "This battle was passed over for a new pair, so it takes no follow-up.");
                default -> {}
            }
        });
    }

    /** A follow-up turn begins: the battle generates again, and its vote waits for both answers. */
    void beginTurn(String followUp, Instant at) {
        locked(() -> {
            status = Status.GENERATING;
            endedAt = null;
            failure = null;
            lastActivity = at;
            turns.add(followUp);
        });
    }

    /** When the first piece of either answer of the last turn arrived; null before, and for a battle read back from the log. */
    public Instant firstTokenAt() {
        return locked(() -> turns.current().firstTokenAt());
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
        locked(() -> turns.current().token(side, text, at));
    }

    void token(Side side, String text) {
        locked(() -> turns.current().token(side, text));
    }

    void done(Side side, GenerationResult r) {
        locked(() -> turns.current().done(side, r));
    }

    void failed(Side side, String message, boolean onItsOwn) {
        locked(() -> turns.current().failed(side, message, onItsOwn));
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
            boolean ok = turns.current().bothAnswered() && storageProblem == null;
            status = ok ? Status.READY : Status.FAILED;
            failure = ok
                    ? null
                    : storageProblem != null ? storageProblem : turns.current().failureReason();
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

    /** One side of the last turn as it stands. */
    public SideView side(Side side) {
        return locked(() -> turns.current().view(side));
    }

    /** One side of the first turn, as a battle's top-level fields show it. */
    public SideView firstSide(Side side) {
        return locked(() -> turns.first().view(side));
    }

    /** Why the battle cannot be voted on, naming the side that failed first on its own account. */
    String failureReason() {
        return locked(() -> turns.current().failureReason());
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
