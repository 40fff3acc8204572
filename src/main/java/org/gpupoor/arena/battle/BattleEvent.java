package org.gpupoor.arena.battle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One server-sent event of a battle; ids count from 1 so a reconnecting client can resume. The
 * data are kept as the names and values they were published with, and become a map only when
 * sent: a finished battle stays in memory for half an hour with some eighty events, and a map
 * per event made up half of what each battle kept.
 */
public final class BattleEvent {
    private final long id;
    private final String name;
    private final Object[] pairs;

    BattleEvent(long id, String name, Object... pairs) {
        this.id = id;
        this.name = name;
        this.pairs = pairs;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The event's data, in the order they were published. */
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }

    public boolean isEnd() {
        return name.equals("end");
    }
}
