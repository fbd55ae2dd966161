package rdpcheck.probes.tls;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How one TLS version fared on its own connection. */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
public sealed interface TlsOutcome {

    String describe();

    /**
     * The server took this version: the handshake completed ({@code completed}), or, for a version
     * other than the newest, the ServerHello chose it and the probe broke off there (the newest
     * version's handshake brought the certificate chain; {@code certificates} is then 0).
     */
    record Accepted(String cipherSuite, int cipherSuiteCode, int certificates, long handshakeBytes,
                    boolean completed) implements TlsOutcome {
        @Override
        public String describe() {
            return "accepted, " + cipherSuite + (completed ? "" : " (ServerHello; the handshake stopped there)");
        }
    }

    /** The handshake began and did not complete: the server refused the version, or broke off. */
    record Refused(TlsFailure failure) implements TlsOutcome {
        @Override
        public String describe() {
            return "refused: " + failure.detail();
        }
    }

    /** No handshake was tried: the connection or its X.224 negotiation did not get as far as TLS. */
    record NotReached(String reason) implements TlsOutcome {
        @Override
        public String describe() {
            return "not reached: " + reason;
        }
    }
}
