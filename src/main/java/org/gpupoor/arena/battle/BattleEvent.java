package org.gpupoor.arena.battle;

import java.util.Map;

/** One server-sent event of a battle; ids count from 1 so a reconnecting client can resume. */
public record BattleEvent(long id, String name, Map<String, Object> data) {
    public boolean isEnd() {
        return name.equals("end");
    }
}
