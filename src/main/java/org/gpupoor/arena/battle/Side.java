package org.gpupoor.arena.battle;

/** Left (A) or right (B): the only names a voter has for the models before voting. */
public enum Side {
    A,
    B;

    public String wire() {
        return this == A ? "a" : "b";
    }

    public Side other() {
        return this == A ? B : A;
    }
}
