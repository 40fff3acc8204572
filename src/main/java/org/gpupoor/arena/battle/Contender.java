package org.gpupoor.arena.battle;

/** A model in a battle, known to the server and revealed to the voter only after the vote. */
public record Contender(String tag, String name, Double sizeB) {}
