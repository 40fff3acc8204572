package org.gpupoor.arena.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Models voters suggest for the arena, one row per tag and voter. */
public final class SuggestionLog {
    private final LogAccess access;

    SuggestionLog(LogAccess access) {
        this.access = access;
    }

    /** Records {@code voter}'s suggestion; true when it is their first of this tag, false when it replaced one. */
    public boolean record(String tag, String voter, String reason, Instant at) {
        return access.write("record a model suggestion", c -> {
            boolean again;
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE model_suggestions SET reason = ?, suggested_at = ? WHERE tag = ? AND voter = ?")) {
                s.setString(1, reason);
                s.setString(2, at.toString());
                s.setString(3, tag);
                s.setString(4, voter);
                again = s.executeUpdate() > 0;
            }
            if (!again) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO model_suggestions (tag, voter, reason, suggested_at) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, tag);
                    s.setString(2, voter);
                    s.setString(3, reason);
                    s.setString(4, at.toString());
                    s.executeUpdate();
                }
            }
            return !again;
        });
    }

    /** Distinct voters who suggested {@code tag}. */
    public int votersFor(String tag) {
        return access.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM model_suggestions WHERE tag = ?")) {
                s.setString(1, tag);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /**
     * Changes whenever a suggestion is recorded, by this instance or another on a shared log: the
     * rows and the newest time (a repeated suggestion moves it on).
     */
    public String version() {
        return access.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MAX(suggested_at) FROM model_suggestions");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) + "-" + r.getString(2);
            }
        });
    }

    /**
     * The {@code limit} tags the most voters suggested (ties: the most recently suggested first),
     * each with up to {@code reasons} of the latest reasons.
     */
    public List<SuggestedTag> mostSuggested(int limit, int reasons) {
        return access.read(c -> {
            List<SuggestedTag> tags = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT tag, COUNT(*) AS voters, MAX(suggested_at) AS latest
                    FROM model_suggestions
                    GROUP BY tag
                    ORDER BY voters DESC, latest DESC, tag
                    LIMIT ?""")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        tags.add(new SuggestedTag(r.getString(1), r.getInt(2), List.of(), r.getString(3)));
                    }
                }
            }
            List<SuggestedTag> withReasons = new ArrayList<>();
            for (SuggestedTag t : tags) {
                withReasons.add(
                        new SuggestedTag(t.tag(), t.voters(), latestReasons(c, t.tag(), reasons), t.lastSuggestedAt()));
            }
            return withReasons;
        });
    }

    private static List<String> latestReasons(Connection c, String tag, int limit) throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT reason FROM model_suggestions WHERE tag = ? ORDER BY suggested_at DESC, voter LIMIT ?")) {
            s.setString(1, tag);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reasons.add(r.getString(1));
                }
            }
        }
        return reasons;
    }
}
