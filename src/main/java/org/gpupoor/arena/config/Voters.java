package org.gpupoor.arena.config;

/**
 * What keeps one person from stuffing the ballot box.
 *
 * @param dailyVoteCap        votes one voter may cast per UTC day; 0 for no cap
 * @param minReadSeconds      a vote sooner than this after both answers finished is too fast to be a reading
 * @param readingCharsPerSecond a vote sooner after the battle started than its answers' length at this pace is
 *                            too fast too; 0 turns that rule off
 * @param countFastVotes      whether too-fast votes count on the boards (they are always kept and flagged)
 * @param sideBiasMinVotes    a voter with at least this many votes for a side, every one for the same side, is flagged
 * @param dailyVotesPerAddress votes per UTC day from one address (an IPv6 /64), whatever cookies it shows; 0 for
 *                            no cap. It stops a script that takes a fresh voter cookie for every battle
 */
public record Voters(
        Integer dailyVoteCap,
        Double minReadSeconds,
        Double readingCharsPerSecond,
        Boolean countFastVotes,
        Integer sideBiasMinVotes,
        Integer dailyVotesPerAddress) {
    public Voters {
        dailyVoteCap = dailyVoteCap == null ? 300 : dailyVoteCap;
        minReadSeconds = minReadSeconds == null ? 2.0 : minReadSeconds;
        readingCharsPerSecond = readingCharsPerSecond == null ? 0.0 : readingCharsPerSecond;
        countFastVotes = countFastVotes != null && countFastVotes;
        sideBiasMinVotes = sideBiasMinVotes == null ? 20 : sideBiasMinVotes;
        dailyVotesPerAddress = dailyVotesPerAddress == null ? 1000 : dailyVotesPerAddress;
    }

    public Voters(
            Integer dailyVoteCap,
            Double minReadSeconds,
            Double readingCharsPerSecond,
            Boolean countFastVotes,
            Integer sideBiasMinVotes) {
        this(dailyVoteCap, minReadSeconds, readingCharsPerSecond, countFastVotes, sideBiasMinVotes, null);
    }
}
