package rdpcheck.store;

/**
 * The store cannot be used; the message is one line for people ("the history store ... is locked
 * by another program"), never a driver's stack trace.
 */
public final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    StoreException(String message) {
        super(message);
    }
}
