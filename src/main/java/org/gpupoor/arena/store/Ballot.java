package org.gpupoor.arena.store;

/**
 * What the log keeps about who cast a vote and how: the voter's and the address's keyed hashes
 * (null when unknown) and whether the vote came too fast to follow a reading. {@code countsAnyway}
 * is the operator's choice, in force when the vote was cast, to count too-fast votes all the same.
 */
public record Ballot(String voter, String address, boolean tooFast, boolean countsAnyway) {
    public static final Ballot UNKNOWN = new Ballot(null, null, false, false);

    boolean excludedAsTooFast() {
        return tooFast && !countsAnyway;
    }
}
