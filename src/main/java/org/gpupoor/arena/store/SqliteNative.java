package org.gpupoor.arena.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * The SQLite driver copies its native library out of the jar into the temp folder on every
 * start, and compares the copy byte by byte: a tenth of a second of each start here. The arena
 * keeps one copy per driver version in the user's cache folder and points the driver at it.
 * Anything amiss (no cache folder, an unknown platform) leaves the driver its own way.
 */
final class SqliteNative {
    private static final Logger log = LoggerFactory.getLogger(SqliteNative.class);

    private SqliteNative() {}

    static void useCachedCopy() {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return; // the operator chose a library
        }
        try {
            String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
            String name = System.mapLibraryName("sqlitejdbc");
            URL library = SQLiteJDBCLoader.class.getResource("/org/sqlite/native/" + folder + "/" + name);
            if (library == null) {
                return;
            }
            Path dir = cacheRoot()
                    .resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                    .resolve(folder);
            Path copy = dir.resolve(name);
            long size = library.openConnection().getContentLengthLong();
            if (!Files.isRegularFile(copy) || Files.size(copy) != size) {
                Files.createDirectories(dir);
                // Written aside and moved in whole: another arena starting now never loads half a file.
                Path part = Files.createTempFile(dir, name, ".part");
                try (InputStream in = library.openStream()) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            log.debug("The SQLite driver unpacks its own library: {}", e.toString());
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("gpu-poor-arena");
    }
}
