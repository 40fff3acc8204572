package org.gpupoor.arena.battle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.config.Voters;
import org.gpupoor.arena.store.BattleLog;

/**
 * What stands between one person and the boards beyond per-minute rate limits: daily caps of
 * votes per voter and per address (a script that takes a fresh cookie for every battle is still
 * one address), and a judgement of votes cast too soon to follow a reading of the answers.
 * Counts live in memory, seeded from the log the first time a voter or address votes on a given
 * (UTC) day, so a restart resets nobody's cap; instances sharing a log each seed their own.
 */
public final class BallotBox {
    private record DayCount(LocalDate day, AtomicInteger votes) {}

    private final BattleLog battleLog;
    private final LiveConfig config;
    private final Clock clock;
    private final Map<String, DayCount> today = new ConcurrentHashMap<>();

    public BallotBox(BattleLog battleLog, LiveConfig config, Clock clock) {
        this.battleLog = battleLog;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Takes one vote of the voter's and the address's daily allowances, or refuses it with a 429
     * until midnight UTC. Returns what gives the vote back should it not be stored after all.
     */
    Runnable admit(String voter, String address) {
        Voters rules = config.current().voters();
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Runnable giveBackVoter = take(
                "voter " + voter,
                voter == null ? 0 : rules.dailyVoteCap(),
                day,
                () -> battleLog.voters().votesBy(voter, day),
                now,
                "You have cast the %d votes this arena takes from one voter a day.");
        try {
            Runnable giveBackAddress = take(
                    "address " + address,
                    address == null ? 0 : rules.dailyVotesPerAddress(),
                    day,
                    () -> battleLog.voters().votesFrom(address, day),
                    now,
                    "Your address has cast the %d votes this arena takes from one address a day.");
            return () -> {
                giveBackVoter.run();
                giveBackAddress.run();
            };
        } catch (RuntimeException e) {
            giveBackVoter.run();
            throw e;
        }
    }

    private Runnable take(String key, int cap, LocalDate day, IntSupplier logged, Instant now, String refusal) {
        if (cap <= 0) {
            return () -> {};
        }
        DayCount count = today.compute(
                key,
                (k, known) -> known != null && known.day().equals(day)
                        ? known
                        : new DayCount(day, new AtomicInteger(logged.getAsInt())));
        if (count.votes().incrementAndGet() > cap) {
            count.votes().decrementAndGet();
            Instant midnight = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            throw new VoteCapException(
                    Duration.between(now, midnight).plusSeconds(1),
                    refusal.formatted(cap) + " Thank you! Voting opens again at midnight UTC.");
        }
        return () -> count.votes().decrementAndGet();
    }

    /**
     * Too fast to be a reading: sooner than {@code min_read_seconds} after both answers were done,
     * or (when {@code reading_chars_per_second} is set) sooner after the first token than both
     * answers take to read at that pace.
     */
    boolean tooFast(LiveBattle battle, Instant votedAt) {
        Voters rules = config.current().voters();
        Instant ended = battle.endedAt() == null ? battle.createdAt() : battle.endedAt();
        if (Duration.between(ended, votedAt).toMillis() < rules.minReadSeconds() * 1000) {
            return true;
        }
        if (rules.readingCharsPerSecond() <= 0) {
            return false;
        }
        // Reading starts with the first token: time spent waiting in line or loading a model is no reading.
        Instant firstToken = battle.firstTokenAt() == null ? battle.createdAt() : battle.firstTokenAt();
        int chars =
                battle.side(Side.A).text().length() + battle.side(Side.B).text().length();
        return Duration.between(firstToken, votedAt).toMillis() < chars / rules.readingCharsPerSecond() * 1000;
    }

    /** Forgets the counts of past days (housekeeping). */
    void forgetOtherDays() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        today.values().removeIf(c -> !c.day().equals(day));
    }
}
