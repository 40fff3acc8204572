package org.gpupoor.arena.battle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.gpupoor.arena.ollama.GenerationResult;
import org.gpupoor.arena.rating.Outcome;

/**
 * A battle in memory: what each side has produced so far, and every event sent about it, kept so
 * that a client connecting late or reconnecting receives the whole story from the start.
 */
public final class LiveBattle {
    public enum Status { GENERATING, READY, FAILED, VOTED }

    /** One side as it stands; {@code result} is set when done, {@code error} when it failed. */
    public record SideView(String text, GenerationResult result, String error) {
        public boolean finished() {
            return result != null || error != null;
        }
    }

    private final String id;
    private final String prompt;
    private final Instant createdAt;
    private final Map<Side, Contender> contenders = new EnumMap<>(Side.class);
    private final Map<Side, StringBuilder> texts = new EnumMap<>(Side.class);
    private final Map<Side, GenerationResult> results = new EnumMap<>(Side.class);
    private final Map<Side, String> errors = new EnumMap<>(Side.class);
    private final List<BattleEvent> events = new ArrayList<>();
    // A lock, not synchronized: a watcher waits here for the next event, and on Java 21 to 23 a
    // virtual thread waiting inside synchronized pins its carrier thread for all that time.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Side firstToFail;
    private String giveaway;
    private Status status = Status.GENERATING;
    private String failure;
    private Outcome outcome;
    private Instant lastActivity;
    private Instant endedAt;
    private Instant firstTokenAt;
    private Instant lastWatched;
    private int watchers;

    LiveBattle(String id, String prompt, Instant createdAt, Contender a, Contender b) {
        this.id = id;
        this.prompt = prompt;
        this.createdAt = createdAt;
        this.lastActivity = createdAt;
        this.lastWatched = createdAt;
        contenders.put(Side.A, a);
        contenders.put(Side.B, b);
        texts.put(Side.A, new StringBuilder());
        texts.put(Side.B, new StringBuilder());
    }

    public String id() {
        return id;
    }

    public String prompt() {
        return prompt;
    }

    /** When the first piece of either answer arrived; null before, and for a battle read back from the log. */
    public Instant firstTokenAt() {
        return locked(() -> firstTokenAt);
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
        locked(() -> publish("queued", data("position", place)));
    }

    /** Someone is watching: a client read the battle or its events. */
    public void touched(Instant at) {
        locked(() -> {
            lastWatched = at;
        });
    }

    /** When a client last read the battle or its events. */
    Instant lastWatched() {
        return locked(() -> lastWatched);
    }

    public void watcherJoined() {
        locked(() -> {
            watchers++;
        });
    }

    public void watcherLeft(Instant at) {
        locked(() -> {
            watchers--;
            lastWatched = at;
        });
    }

    boolean watched() {
        return locked(() -> watchers > 0);
    }

    /** A side's generation has begun (the model may still be loading). */
    void started(Side side) {
        locked(() -> publish("started", data("side", side.wire())));
    }

    /** A piece of an answer as it streams in at {@code at}. */
    void token(Side side, String text, Instant at) {
        locked(() -> {
            if (firstTokenAt == null) {
                firstTokenAt = at;
            }
            token(side, text);
        });
    }

    void token(Side side, String text) {
        locked(() -> {
            if (results.containsKey(side) || errors.containsKey(side)) {
                return; // a late piece from a stream that was already cut off
            }
            texts.get(side).append(text);
            publish("token", data("side", side.wire(), "text", text));
        });
    }

    void done(Side side, GenerationResult r) {
        locked(() -> {
            results.put(side, r);
            publish("done", data("side", side.wire(), "eval_count", r.evalCount(), "tokens_per_second", round(r.tokensPerSecond()),
                    "ttft_ms", r.ttftMs(), "total_ms", r.totalMs(), "done_reason", r.doneReason()));
        });
    }

    void failed(Side side, String message, boolean onItsOwn) {
        locked(() -> {
            if (results.containsKey(side) || errors.containsKey(side)) {
                return;
            }
            errors.put(side, message);
            if (onItsOwn && firstToFail == null) {
                firstToFail = side;
            }
            publish("error", data("side", side.wire(), "message", message));
        });
    }

    /** Both sides have finished: the battle is votable only if both answered. */
    void end(Instant at, String storageProblem, String identityGiveaway) {
        locked(() -> {
            giveaway = identityGiveaway;
            endedAt = at;
            boolean ok = results.size() == 2 && storageProblem == null;
            status = ok ? Status.READY : Status.FAILED;
            failure = ok ? null : storageProblem != null ? storageProblem : failureReason();
            lastActivity = at;
            publish("end", data("status", status.name().toLowerCase(), "reason", failure));
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
        lock.lock();
        try {
            long seen = Math.min(Math.max(0, lastSeenId), events.size());
            if (seen == events.size() && status != Status.GENERATING) {
                return List.of(events.get(events.size() - 1));
            }
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (events.size() <= seen) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return List.of();
                }
                changed.await(left, TimeUnit.MILLISECONDS);
            }
            return List.copyOf(events.subList((int) seen, events.size()));
        } finally {
            lock.unlock();
        }
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
        return locked(() -> new SideView(texts.get(side).toString(), results.get(side), errors.get(side)));
    }

    /** Why the battle cannot be voted on, naming the side that failed first on its own account. */
    String failureReason() {
        return locked(() -> {
            if (firstToFail != null) {
                return "Model " + firstToFail.name() + " failed: " + errors.get(firstToFail);
            }
            String stopped = errors.getOrDefault(Side.A, errors.get(Side.B));
            return stopped == null ? "The battle did not finish." : "The battle was stopped: " + stopped;
        });
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

    private void publish(String name, Map<String, Object> data) {
        events.add(new BattleEvent(events.size() + 1, name, data));
        changed.signalAll();
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
