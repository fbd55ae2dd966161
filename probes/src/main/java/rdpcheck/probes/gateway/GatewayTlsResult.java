package rdpcheck.probes.gateway;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;

import rdpcheck.probes.net.TcpState;

/**
 * The RD Gateway's HTTPS endpoint (MS-TSGU 2.1.2): one TCP connection and one TLS handshake, as
 * an RDG client opens it before its first request.
 *
 * @param gateway       {@code gw.corp:443}: the name the certificate must carry, and the port
 * @param address       the address connected to (literal), when one was allowed and tried
 * @param outcome       handshake completed, refused, or the gateway not reached
 * @param tcpState      how the connect ended ({@code CONNECTED} once it did)
 * @param tlsVersion    the negotiated version, e.g. {@code TLS 1.2}
 * @param cipherSuite   the negotiated suite's IANA name
 * @param chainBase64   the certificates as sent, leaf first, DER in base64 (also after a refused handshake)
 * @param detail        what went wrong, in words; empty after a handshake
 * @param connectMillis the TCP connect
 * @param handshakeMillis the handshake, ClientHello to Finished
 */
public record GatewayTlsResult(String gateway, Optional<String> address, Outcome outcome, TcpState tcpState,
                               Optional<String> tlsVersion, Optional<String> cipherSuite, List<String> chainBase64,
                               String detail, double connectMillis, double handshakeMillis) {

    public enum Outcome {
        /** The handshake completed: the gateway's HTTP transports can be asked. */
        HANDSHAKE,
        /** The connection was made, the handshake failed (alert, close, not TLS, silence). */
        REFUSED,
        /** No connection: refused, timed out, unreachable. */
        NOT_REACHED
    }

    public GatewayTlsResult {
        chainBase64 = List.copyOf(chainBase64);
        detail = detail == null ? "" : detail;
    }

    /** The chain as DER, leaf first. */
    @JsonIgnore
    public List<byte[]> chain() {
        return chainBase64.stream().map(Base64.getDecoder()::decode).toList();
    }

    @JsonIgnore
    public boolean handshakeCompleted() {
        return outcome == Outcome.HANDSHAKE;
    }

    /** The gateway's host name (for the certificate's names and the Host header). */
    @JsonIgnore
    public String host() {
        int colon = gateway.lastIndexOf(':');
        String host = colon > 0 ? gateway.substring(0, colon) : gateway;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** One line for evidence: {@code gw.corp:443 (10.0.0.9): TLS 1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}. */
    public String describe() {
        String where = gateway + address.map(a -> " (" + a + ")").orElse("");
        return switch (outcome) {
            case HANDSHAKE -> where + ": " + tlsVersion.orElse("TLS") + cipherSuite.map(c -> ", " + c).orElse("");
            case REFUSED -> where + ": connected, the TLS handshake failed: " + detail;
            case NOT_REACHED -> where + ": " + detail;
        };
    }
}
