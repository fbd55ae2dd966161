package rdpcheck.probes.tls;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What came back when a tls probe connection whose X.224 answer selected CredSSP went on after its
 * handshake, as a CredSSP client would (see {@link AfterHybridHandshake}): the server's reply, or
 * why there was none.
 *
 * @param version          the TLS version of the handshake the exchange ran in
 * @param selectedProtocol what the server's RDP_NEG_RSP selected on that connection (HYBRID or HYBRID_EX)
 * @param reply            the bytes the server answered with; empty when {@code failure} says why not
 * @param failure          why no reply came (timeout, close, too large), in words for the report
 * @param receivedAt       when the reply arrived, by the probes' clock (for the clock skew)
 * @param millis           the exchange's own time, handshake excluded
 */
public record HybridAnswer(TlsVersion version, int selectedProtocol, Optional<byte[]> reply, Optional<String> failure,
                           Instant receivedAt, double millis) {

    public HybridAnswer {
        Objects.requireNonNull(version, "version");
        reply = reply.map(byte[]::clone);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (reply.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a reply or a failure, exactly one");
        }
    }

    public static HybridAnswer replied(TlsVersion version, int selectedProtocol, byte[] reply, Instant at, double millis) {
        return new HybridAnswer(version, selectedProtocol, Optional.of(reply), Optional.empty(), at, millis);
    }

    public static HybridAnswer failed(TlsVersion version, int selectedProtocol, String why, Instant at, double millis) {
        return new HybridAnswer(version, selectedProtocol, Optional.empty(), Optional.of(why), at, millis);
    }
}
