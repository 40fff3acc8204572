package org.gpupoor.arena.battle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.web.RateLimitedException;

/**
 * What stands between one person and the boards beyond per-address rate limits: a daily cap of
 * votes per voter, and a judgement of votes cast too soon to follow a reading of the answers.
 * Counts live in memory, seeded from the log the first time a voter votes on a given (UTC) day,
 * so a restart does not reset anybody's cap; instances sharing a log each see the others' votes
 * as of that first vote.
 */
public final class BallotBox {
    private record DayCount(LocalDate day, AtomicInteger votes) {
    }

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
     * Takes one vote of the voter's daily allowance, or refuses it with a 429 until midnight UTC.
     * Returns what gives the vote back should it not be stored after all.
     */
    Runnable admit(String voter) {
        int cap = config.current().voters().dailyVoteCap();
        if (voter == null || cap <= 0) {
            return () -> { };
        }
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        DayCount count = today.compute(voter, (v, known) -> known != null && known.day().equals(day) ? known
                : new DayCount(day, new AtomicInteger(battleLog.votesSince(voter, dayStart))));
        if (count.votes().incrementAndGet() > cap) {
            count.votes().decrementAndGet();
            Duration untilMidnight = Duration.between(now, dayStart.plus(Duration.ofDays(1)));
            throw new RateLimitedException(untilMidnight.plusSeconds(1), "vote_cap", "You have cast the " + cap
                    + " votes this arena takes from one voter a day. Thank you! Voting opens again at midnight UTC.");
        }
        return () -> count.votes().decrementAndGet();
    }

    /**
     * Too fast to be a reading: sooner than {@code min_read_seconds} after both answers were done,
     * or (when {@code reading_chars_per_second} is set) sooner after the battle started than both
     * answers take to read at that pace.
     */
    boolean tooFast(LiveBattle battle, Instant votedAt) {
        ArenaConfig.Voters rules = config.current().voters();
        Instant ended = battle.endedAt() == null ? battle.createdAt() : battle.endedAt();
        if (Duration.between(ended, votedAt).toMillis() < rules.minReadSeconds() * 1000) {
            return true;
        }
        if (rules.readingCharsPerSecond() <= 0) {
            return false;
        }
        int chars = battle.side(Side.A).text().length() + battle.side(Side.B).text().length();
        return Duration.between(battle.createdAt(), votedAt).toMillis() < chars / rules.readingCharsPerSecond() * 1000;
    }

    /** Forgets the counts of past days (housekeeping). */
    void forgetOtherDays() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        today.values().removeIf(c -> !c.day().equals(day));
    }
}
