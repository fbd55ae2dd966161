package rdpcheck.probes;

/** A probe could not do its job; the message is shown in reports as is. */
public class ProbeException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProbeException(String message) {
        super(message);
    }

    public ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
