package rdpcheck.probes.rdp;

/** Bytes that do not form the PDU they should; the message says what is wrong and where. */
public final class MalformedPduException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPduException(String message) {
        super(message);
    }
}
