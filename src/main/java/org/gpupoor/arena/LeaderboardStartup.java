package org.gpupoor.arena;

import java.time.Instant;
import org.gpupoor.arena.battle.BattleIds;
import org.gpupoor.arena.leaderboard.LeaderboardJson;
import org.gpupoor.arena.store.BattleLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** On the first start, takes over an old arena's leaderboard.json; on every start, checks it can be kept. */
final class LeaderboardStartup {
    private static final Logger log = LoggerFactory.getLogger(LeaderboardStartup.class);

    private LeaderboardStartup() {}

    /** Returns why leaderboard.json must not be written, or null when it may be. */
    static String importIfFirstStart(LeaderboardJson file, BattleLog battleLog, Instant now) {
        LeaderboardJson.Contents contents;
        boolean firstStart = battleLog.isEmpty();
        try {
            file.removeLeftovers();
            contents = firstStart ? file.read() : file.check();
        } catch (java.io.IOException e) {
            String problem = "Cannot tidy the folder of " + file.file() + ": " + e.getMessage();
            log.error(problem);
            return problem;
        } catch (LeaderboardJson.CorruptFileException e) {
            String problem = e.getMessage() + ". It is left untouched and not updated until it is fixed or removed.";
            log.error(problem);
            return problem;
        }
        contents.warnings().forEach(w -> log.warn("{}: {}", file.file(), w));
        if (firstStart && !contents.battles().isEmpty()) {
            battleLog.importVoted(contents.battles(), now, BattleIds::next);
            log.info("Imported {} battles from {}", contents.battles().size(), file.file());
        }
        return null;
    }
}
