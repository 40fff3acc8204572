package org.gpupoor.arena.share;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The public id an arena would give a battle, worked out from its log's secret: how a test names
 * a battle that has no link yet (unvoted, failed) to prove its page is not there.
 */
public final class PublicIdsOfLog {
    private PublicIdsOfLog() {}

    public static String of(String logUrl, String battleId) {
        try (Connection c = DriverManager.getConnection(logUrl);
                PreparedStatement s = c.prepareStatement("SELECT value FROM arena_secrets WHERE name = 'share_key'")) {
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new ShareIds(r.getString(1)).of(battleId).orElseThrow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
