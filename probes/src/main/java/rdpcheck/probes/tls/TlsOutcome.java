package rdpcheck.probes.tls;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How one TLS version fared on its own connection. */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
public sealed interface TlsOutcome {

    String describe();

    /** The handshake completed with this version. */
    record Accepted(String cipherSuite, int cipherSuiteCode, int certificates, long handshakeBytes) implements TlsOutcome {
        @Override
        public String describe() {
            return "accepted, " + cipherSuite;
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
