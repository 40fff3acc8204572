package org.gpupoor.arena.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices edits to {@code arena_config.yaml} by looking at its size and modification time every
 * couple of seconds (a file watch misses edits to a file mounted into a container, and editors
 * that save by renaming), and applies them to the {@link LiveConfig}. An edit that does not
 * validate changes nothing: the log names the line and the field, and the previous config stays.
 */
public final class ConfigWatcher {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final UnaryOperator<ArenaConfig> overrides;
    private final LiveConfig live;
    private Object lastSeen;

    /** @param overrides what the environment sets over the file (OLLAMA_HOST and friends), applied to every reload */
    public ConfigWatcher(Path file, UnaryOperator<ArenaConfig> overrides, LiveConfig live) {
        this.file = file;
        this.overrides = overrides;
        this.live = live;
        this.lastSeen = stamp();
    }

    public Path file() {
        return file;
    }

    /** Reloads when the file changed since the last look; run it on a timer. */
    public synchronized void checkForEdits() {
        Object now = stamp();
        if (Objects.equals(now, lastSeen)) {
            return;
        }
        lastSeen = now;
        try {
            reload();
        } catch (ConfigException e) {
            // reload() has logged it
        }
    }

    /** Reads the file now and applies what changed; throws, changing nothing, when it does not validate. */
    public synchronized LiveConfig.Change reload() {
        LiveConfig.Change change;
        try {
            change = live.apply(overrides.apply(ConfigLoader.load(file)));
        } catch (ConfigException e) {
            log.warn("{} was not reloaded; the previous config stays in force. {}", file.getFileName(), e.getMessage());
            throw e;
        }
        if (!change.changed().isEmpty()) {
            log.info("Reloaded {}: {} changed", file.getFileName(), String.join(", ", change.changed()));
        }
        if (!change.restartNeeded().isEmpty()) {
            log.warn(
                    "{}: {} changed, which takes effect only after a restart",
                    file.getFileName(),
                    String.join(", ", change.restartNeeded()));
        }
        return change;
    }

    private Object stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().toMillis() + ":" + attributes.size();
        } catch (IOException e) {
            return "missing";
        }
    }
}
