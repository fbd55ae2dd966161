package rdpcheck.probes.tls;

import java.io.IOException;

/** A TLS handshake that did not complete; {@link #failure()} says how. */
public final class TlsHandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient TlsFailure failure;

    TlsHandshakeException(TlsFailure failure, Throwable cause) {
        super(failure.detail(), cause);
        this.failure = failure;
    }

    public TlsFailure failure() {
        return failure;
    }
}
