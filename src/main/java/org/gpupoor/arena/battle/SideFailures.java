package org.gpupoor.arena.battle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Each side's own failure (not a stop because the other side failed), and which came first. */
final class SideFailures {
    record SideFailure(String reason, String message, boolean modelMissing) {}

    final AtomicReference<String> first = new AtomicReference<>();
    final Map<Side, SideFailure> bySide = new ConcurrentHashMap<>();

    void record(Side side, SideFailure failure) {
        first.compareAndSet(null, failure.reason());
        bySide.put(side, failure);
    }
}
