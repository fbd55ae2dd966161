package rdpcheck.probes.gateway;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The RD Gateway's UDP transport (MS-TSGU 1.3.3): a DTLS ClientHello to its UDP port and what came
 * back. A gateway with UDP on answers a HelloVerifyRequest (or a ServerHello); a closed port
 * answers an ICMP port unreachable; silence is a firewall, or UDP turned off on the gateway.
 *
 * @param gateway       {@code gw.corp:3391}
 * @param address       the address the datagrams went to
 * @param answer        what came back
 * @param dtlsVersion   the version the gateway answered with, e.g. {@code DTLS 1.0}
 * @param cipherSuite   a ServerHello's suite (IANA number)
 * @param datagramsSent one ClientHello, and at most one resend after silence
 * @param bytesReceived the size of the answer
 * @param detail        what was seen, in words
 * @param millis        from the first datagram to the answer or the give-up
 */
public record GatewayUdpResult(String gateway, Optional<String> address, Answer answer, Optional<String> dtlsVersion,
                               Optional<Integer> cipherSuite, int datagramsSent, int bytesReceived, String detail,
                               double millis) {

    public enum Answer {
        /** RFC 6347 4.2.1: a cookie exchange; a DTLS server listens. */
        HELLO_VERIFY_REQUEST,
        /** A DTLS server that skips the cookie exchange. */
        SERVER_HELLO,
        /** A DTLS alert: a DTLS server listens and refused what was offered. */
        ALERT,
        /** Another DTLS record or handshake message. */
        OTHER_DTLS,
        /** Bytes that are not DTLS. */
        NOT_DTLS,
        /** ICMP port unreachable: nothing listens on the port. */
        CLOSED,
        /** Nothing came back. */
        NO_ANSWER
    }

    public GatewayUdpResult {
        detail = detail == null ? "" : detail;
    }

    /** A DTLS server answered on the port: the gateway's UDP transport is reachable. */
    @JsonProperty("dtlsAnswered")
    public boolean dtlsAnswered() {
        return answer == Answer.HELLO_VERIFY_REQUEST || answer == Answer.SERVER_HELLO || answer == Answer.ALERT
                || answer == Answer.OTHER_DTLS;
    }

    /** {@code gw.corp:3391 (10.0.0.9): HelloVerifyRequest, DTLS 1.0, after 1 datagram}. */
    public String describe() {
        return gateway + address.map(a -> " (" + a + ")").orElse("") + ": " + detail;
    }
}
