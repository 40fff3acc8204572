package org.gpupoor.arena.leaderboard;

/**
 * The boards as the rest of the arena sees them: told what happened to the log, one method per
 * event, they keep the main and ELO boards, the Bradley-Terry refit and leaderboard.json in step.
 */
public final class Boards {
    private final Leaderboard leaderboard;
    private final StrengthBoard strengths;
    private final LeaderboardExport export;
    private final Runnable votesArrived;

    /** {@code votesArrived} runs after every batch of stored votes (the prompt classifier's cue). */
    public Boards(Leaderboard leaderboard, StrengthBoard strengths, LeaderboardExport export, Runnable votesArrived) {
        this.leaderboard = leaderboard;
        this.votesArrived = votesArrived;
        this.strengths = strengths;
        this.export = export;
    }

    /**
     * The arena is listening: the main and ELO boards replay the log (board requests hear that
     * they are loading meanwhile), then leaderboard.json follows. Run it before the first refit.
     */
    public void loadFromLog() {
        if (leaderboard.load()) {
            export.requestWrite();
        }
    }

    /**
     * Votes went into the log and the main and ELO boards have taken them in (this instance's at
     * once, other instances' by catching up): leaderboard.json follows, and the Bradley-Terry
     * board refits when any of them counted.
     */
    public void votesStored(boolean counted) {
        export.requestWrite();
        votesArrived.run();
        if (counted) {
            strengths.requestRecompute();
        }
    }

    /** The log was rewritten (a vote voided, a model hidden elsewhere, sizes changed): every board replays it. */
    public void logRewritten() {
        leaderboard.rebuild();
        strengths.logRewritten();
        export.requestWrite();
    }

    /** Model names changed: the Bradley-Terry board keeps the names it was fitted with. */
    public void namesChanged() {
        strengths.requestRecompute();
    }
}
