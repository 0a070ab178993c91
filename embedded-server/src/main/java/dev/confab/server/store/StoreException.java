package dev.confab.server.store;

/**
 * Storage failed: the database is unavailable, locked, full or corrupt. The caller answers the client with an
 * error and acknowledges nothing. {@link #busy()} is true when the writer's queue was full and the request was
 * refused without being tried: a client may retry it.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean busy;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
        this.busy = false;
    }

    public StoreException(String message, boolean busy) {
        super(message);
        this.busy = busy;
    }

    public boolean busy() {
        return busy;
    }
}
