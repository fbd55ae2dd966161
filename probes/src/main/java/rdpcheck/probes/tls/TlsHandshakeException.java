package rdpcheck.probes.tls;

import java.io.IOException;
import java.util.List;

/** A TLS handshake that did not complete; {@link #failure()} says how. */
public final class TlsHandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient TlsFailure failure;
    private final transient List<byte[]> chainSeen;

    TlsHandshakeException(TlsFailure failure, List<byte[]> chainSeen, Throwable cause) {
        super(failure.detail(), cause);
        this.failure = failure;
        this.chainSeen = List.copyOf(chainSeen);
    }

    /**
     * The certificates the server sent before the handshake failed (leaf first, DER); empty when
     * it failed before the Certificate message.
     */
    public List<byte[]> chainSeen() {
        return chainSeen;
    }

    public TlsFailure failure() {
        return failure;
    }
}
