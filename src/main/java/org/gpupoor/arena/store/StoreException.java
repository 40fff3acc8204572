package org.gpupoor.arena.store;

/** The database failed in a way the caller cannot fix; the request fails, nothing half-written stays. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
