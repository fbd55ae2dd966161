package rdpcheck.probes.net;

import java.io.IOException;

/** The host sent more than a probe connection reads; what it sent is no longer trusted. */
public final class ReplyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReplyTooLargeException(long limit) {
        super("the server sent more than " + limit + " bytes on one probe connection");
    }
}
