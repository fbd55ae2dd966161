package rdpcheck.probes;

/** A target the user typed cannot be checked; the message says why, in words fit for chat. */
public final class InvalidTargetException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidTargetException(String message) {
        super(message);
    }
}
