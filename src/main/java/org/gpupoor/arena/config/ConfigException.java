package org.gpupoor.arena.config;

/** A configuration problem an operator must fix; the message names the file, line and field. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
