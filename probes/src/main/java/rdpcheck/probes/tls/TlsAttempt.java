package rdpcheck.probes.tls;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One TLS version tried on its own connection.
 *
 * @param millis the handshake's time (ClientHello to Finished, or to the failure); 0 when not reached
 */
public record TlsAttempt(TlsVersion version, TlsOutcome outcome, double millis) {

    @JsonProperty("accepted")
    public boolean accepted() {
        return outcome instanceof TlsOutcome.Accepted;
    }

    /** The negotiated suite's IANA name, when accepted. */
    @JsonIgnore
    public Optional<String> cipherSuite() {
        return outcome instanceof TlsOutcome.Accepted a ? Optional.of(a.cipherSuite()) : Optional.empty();
    }

    /** The alert the server sent, by BC's name (e.g. {@code protocol_version}), when that is how it refused. */
    @JsonIgnore
    public Optional<String> alertReceived() {
        return outcome instanceof TlsOutcome.Refused r && r.failure().kind() == TlsFailure.Kind.ALERT_RECEIVED
                ? r.failure().alert() : Optional.empty();
    }

    public String describe() {
        return version.label() + ": " + outcome.describe() + (millis > 0 ? String.format(" (%.1f ms)", millis) : "");
    }
}
