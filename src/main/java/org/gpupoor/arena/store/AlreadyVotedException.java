package org.gpupoor.arena.store;

/** The log already holds a vote for this battle. */
public class AlreadyVotedException extends Exception {
    public AlreadyVotedException(String battleId) {
        super("battle " + battleId + " already has a vote");
    }
}
