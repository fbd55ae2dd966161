package rdpcheck.probes.tls;

import java.util.Optional;

/**
 * Why a TLS handshake did not complete, in words fit for a report.
 *
 * @param kind       the way it ended
 * @param alert      the TLS alert by Bouncy Castle's name (e.g. {@code protocol_version}), when one was
 *                   received from the server ({@link Kind#ALERT_RECEIVED}) or sent by us ({@link Kind#ALERT_SENT})
 * @param detail     one sentence: what happened
 * @param millis     from the ClientHello to the failure
 * @param bytesRead  bytes the server sent during the handshake
 * @param firstBytes hex of the first bytes the server sent (empty when it sent none), to tell TLS from garbage
 */
public record TlsFailure(Kind kind, Optional<String> alert, String detail, double millis, long bytesRead,
                         String firstBytes) {

    public enum Kind {
        /** The server sent a fatal alert: it refused what we offered (version, ciphers) or something we sent. */
        ALERT_RECEIVED,
        /**
         * The server answered with a version we did not offer (an older one): it does not support the
         * offered version. Servers answer so rather than with an alert.
         */
        OTHER_VERSION,
        /** We aborted: the server's answer broke the protocol (garbage, wrong message, bad signature...). */
        ALERT_SENT,
        /** The server's first bytes are not a TLS record at all. */
        NOT_TLS,
        /** The server closed (FIN) or reset (RST) the connection during the handshake. */
        CLOSED,
        /** The server went silent, or the deadline came. */
        TIMED_OUT,
        /** The server sent more bytes than a handshake may take. */
        TOO_LARGE,
        /** Any other I/O error. */
        ERROR
    }

    /** One line, e.g. {@code server sent alert protocol_version}. */
    public String describe() {
        return detail;
    }
}
