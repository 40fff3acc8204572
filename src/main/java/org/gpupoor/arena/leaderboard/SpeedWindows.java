package org.gpupoor.arena.leaderboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.store.AnswerMetrics;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.ModelAnswer;

/**
 * Each model's latest {@link ModelSpeed#WINDOW} complete answers (of voted or failed battles),
 * kept in memory for the speed medians: a model's window is read from the log once, then each
 * refit adds only the answers of battles voted or failed since the last one. Reading the windows
 * afresh at every refit walked thousands of rows per model, once a second while votes flowed.
 * Votes are followed by their place in the log (so votes through other instances count too);
 * failures among the newest battles, which is where a battle fails.
 */
final class SpeedWindows {
    /** How far back failures are looked for: a battle fails while it generates, long before this many newer ones start. */
    static final int FAILURE_LOOKBACK = 500;

    private static final int SEEN_FAILURES = 4 * FAILURE_LOOKBACK;

    private final BattleLog battleLog;
    private final Map<String, ArrayDeque<AnswerMetrics>> windows = new HashMap<>();
    private final LinkedHashSet<String> failuresSeen = new LinkedHashSet<>();
    private long voteMark = -1;

    SpeedWindows(BattleLog battleLog) {
        this.battleLog = battleLog;
    }

    /** The medians of every one of {@code models}, up to the log as it stands now. */
    synchronized Map<String, ModelSpeed> speeds(Collection<String> models) {
        long lastVote = battleLog.lastVoteSeq();
        if (voteMark < 0) {
            battleLog.recentFailedAnswers(FAILURE_LOOKBACK).forEach(a -> failuresSeen.add(a.battleId()));
        } else {
            battleLog.votedAnswersBetween(voteMark, lastVote).forEach(this::add);
            List<ModelAnswer> failed = battleLog.recentFailedAnswers(FAILURE_LOOKBACK);
            List<String> newlyFailed = new ArrayList<>();
            for (ModelAnswer answer : failed) {
                if (!failuresSeen.contains(answer.battleId())) {
                    add(answer);
                    newlyFailed.add(answer.battleId());
                }
            }
            newlyFailed.forEach(this::rememberFailure);
        }
        voteMark = lastVote;
        Map<String, ModelSpeed> speeds = new HashMap<>();
        for (String model : models) {
            ArrayDeque<AnswerMetrics> window = windows.computeIfAbsent(model, this::read);
            speeds.put(model, ModelSpeed.of(List.copyOf(window)));
        }
        return speeds;
    }

    /** Forgets every window: the log was rewritten (a vote voided), so they are read again. */
    synchronized void forget() {
        windows.clear();
        failuresSeen.clear();
        voteMark = -1;
    }

    private ArrayDeque<AnswerMetrics> read(String model) {
        // Newest first from the log; the window keeps them oldest first so new answers go at its end.
        List<AnswerMetrics> newestFirst = battleLog.recentAnswerMetrics(model, ModelSpeed.WINDOW, voteMark);
        ArrayDeque<AnswerMetrics> window = new ArrayDeque<>(ModelSpeed.WINDOW);
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            window.addLast(newestFirst.get(i));
        }
        return window;
    }

    private void add(ModelAnswer answer) {
        ArrayDeque<AnswerMetrics> window = windows.get(answer.model());
        if (window == null) {
            return; // not read yet: reading it finds this answer
        }
        window.addLast(answer.metrics());
        if (window.size() > ModelSpeed.WINDOW) {
            window.removeFirst();
        }
    }

    private void rememberFailure(String battleId) {
        failuresSeen.add(battleId);
        if (failuresSeen.size() > SEEN_FAILURES) {
            failuresSeen.remove(failuresSeen.iterator().next());
        }
    }
}
