package org.gpupoor.arena.leaderboard;

/** No board can be read now: they are still loading from the log, or their replay failed ({@code code} says which). */
public final class BoardsUnavailableException extends RuntimeException {
    private final String code;
    private final int retryAfterSeconds;

    private BoardsUnavailableException(String code, String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static BoardsUnavailableException loading() {
        return new BoardsUnavailableException(
                "boards_loading", "The boards are still being loaded from the battle log; ask again in a moment.", 1);
    }

    static BoardsUnavailableException failed() {
        return new BoardsUnavailableException(
                "boards_failed", "The boards could not be loaded from the battle log; the server's log says why.", 60);
    }

    public String code() {
        return code;
    }

    /** A second while they load; after a failed replay only a rebuild (a voided vote, a size change) ends it. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
