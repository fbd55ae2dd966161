package rdpcheck.probes.gateway;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.Endpoint;
import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.DatagramExchange;
import rdpcheck.probes.net.DatagramExchange.Received;
import rdpcheck.probes.net.Endpoints;
import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * Sends one DTLS ClientHello ({@link DtlsClientHello}) to the RD Gateway's UDP port, and once more
 * after a second of silence (RFC 6347 4.2.4.1: the first retransmission timer is one second), and
 * reads at most one answer of at most {@link #MAX_ANSWER} bytes: two small datagrams per check, never more.
 * The socket is a {@link DatagramExchange}, so the wait ends at once when the check's answer was given.
 */
final class GatewayUdpProbe implements Probe<GatewayUdpResult> {

    /** A HelloVerifyRequest is about 60 bytes; a first flight with a certificate chain a few kilobytes. */
    static final int MAX_ANSWER = 16 * 1024;
    static final Duration WAIT = Duration.ofSeconds(1);
    static final int SENDS = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Endpoint endpoint;

    GatewayUdpProbe(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public ProbeId<GatewayUdpResult> id() {
        return GatewayProbes.UDP;
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public GatewayUdpResult run(ProbeContext context) throws ProbeSkipped, InterruptedException {
        String gateway = GatewayProbes.key(GatewayProbes.host(endpoint, context), GatewayProbes.port(endpoint, context));
        InetSocketAddress address = context.address(endpoint);
        Optional<String> literal = Optional.of(Endpoints.literal(address.getAddress()));
        byte[] hello = DtlsClientHello.standard().datagram(RANDOM);
        long started = System.nanoTime();
        int port = GatewayProbes.port(endpoint, context);
        try (DatagramExchange exchange = DatagramExchange.open(address, context.deadline())) {
            while (exchange.sent() < SENDS && !context.deadline().expired()) {
                Optional<Received> refused = exchange.send(hello);
                Received received = refused.isPresent() ? refused.get() : exchange.receive(WAIT, MAX_ANSWER);
                int sent = Math.max(1, exchange.sent());
                if (received instanceof Received.Datagram datagram) {
                    return decoded(gateway, literal, datagram.bytes(), sent, GatewayLink.millisSince(started));
                }
                if (received instanceof Received.PortUnreachable) {
                    return result(gateway, literal, GatewayUdpResult.Answer.CLOSED, sent, 0, started,
                            "ICMP port unreachable: nothing listens on UDP " + port);
                }
                if (received instanceof Received.Unreachable unreachable) {
                    return result(gateway, literal, GatewayUdpResult.Answer.NO_ANSWER, sent, 0, started,
                            "the datagram could not be sent or received: " + unreachable.detail());
                }
            }
            int sent = exchange.sent();
            return result(gateway, literal, GatewayUdpResult.Answer.NO_ANSWER, sent, 0, started,
                    "no answer to " + sent + " DTLS ClientHello" + (sent == 1 ? "" : "s") + " within "
                            + Math.round(GatewayLink.millisSince(started)) + " ms (a firewall drops UDP "
                            + port + ", or the gateway's UDP transport is off)");
        } catch (ProbeException e) {
            return result(gateway, literal, GatewayUdpResult.Answer.NO_ANSWER, 0, 0, started, e.getMessage());
        }
    }

    private static GatewayUdpResult result(String gateway, Optional<String> address, GatewayUdpResult.Answer answer, int sent,
                                           int received, long started, String detail) {
        return new GatewayUdpResult(gateway, address, answer, Optional.empty(), Optional.empty(), sent, received, detail,
                GatewayLink.millisSince(started));
    }

    /** What one answer datagram is: its first record, decoded. */
    static GatewayUdpResult decoded(String gateway, Optional<String> address, byte[] answer, int sent, double millis) {
        String after = " (" + answer.length + " bytes, after " + sent + " datagram" + (sent == 1 ? "" : "s") + ")";
        try {
            List<DtlsRecord> records = DtlsRecord.decodeAll(answer);
            DtlsRecord first = records.get(0);
            Optional<String> version = Optional.of(DtlsRecord.versionName(first.version()));
            if (first.contentType() == DtlsRecord.ALERT) {
                byte[] alert = first.fragment();
                String what = alert.length >= 2 ? "alert " + (alert[1] & 0xff) + (alert[0] == 2 ? " (fatal)" : "") : "an alert";
                return new GatewayUdpResult(gateway, address, GatewayUdpResult.Answer.ALERT, version, Optional.empty(), sent,
                        answer.length, "a DTLS " + what + after, millis);
            }
            if (first.contentType() == DtlsRecord.HANDSHAKE) {
                DtlsHandshake handshake = DtlsHandshake.decode(first.fragment());
                if (handshake.type() == DtlsHandshake.HELLO_VERIFY_REQUEST) {
                    DtlsHelloVerifyRequest verify = DtlsHelloVerifyRequest.decode(handshake.body());
                    String server = DtlsRecord.versionName(verify.serverVersion());
                    return new GatewayUdpResult(gateway, address, GatewayUdpResult.Answer.HELLO_VERIFY_REQUEST,
                            Optional.of(server), Optional.empty(), sent, answer.length,
                            "HelloVerifyRequest, " + server + ", cookie of " + verify.cookieLength() + " bytes" + after, millis);
                }
                if (handshake.type() == DtlsHandshake.SERVER_HELLO) {
                    DtlsServerHello hello = DtlsServerHello.decode(handshake.body());
                    String server = DtlsRecord.versionName(hello.serverVersion());
                    return new GatewayUdpResult(gateway, address, GatewayUdpResult.Answer.SERVER_HELLO, Optional.of(server),
                            Optional.of(hello.cipherSuite()), sent, answer.length, String.format(
                            "ServerHello, %s, cipher suite 0x%04X%s", server, hello.cipherSuite(), after), millis);
                }
                return new GatewayUdpResult(gateway, address, GatewayUdpResult.Answer.OTHER_DTLS, version, Optional.empty(),
                        sent, answer.length, "a DTLS handshake message of type " + handshake.type() + after, millis);
            }
            return new GatewayUdpResult(gateway, address, GatewayUdpResult.Answer.OTHER_DTLS, version, Optional.empty(), sent,
                    answer.length, "a DTLS record of type " + first.contentType() + after, millis);
        } catch (MalformedPduException e) {
            return new GatewayUdpResult(gateway, address, GatewayUdpResult.Answer.NOT_DTLS, Optional.empty(), Optional.empty(),
                    sent, answer.length, "an answer that is not DTLS: " + rdpcheck.probes.ProbeText.of(e) + " [" + Bytes.hexPreview(answer, 16)
                    + "]" + after, millis);
        }
    }
}
