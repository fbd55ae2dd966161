package rdpcheck.probes.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.ReplyTooLargeException;
import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.tls.RdpTls;
import rdpcheck.probes.tls.TlsHandshakeException;
import rdpcheck.probes.tls.TlsSession;
import rdpcheck.probes.tls.TlsVersion;

/**
 * One HTTPS request to the gateway on a connection of its own: connect in the address's turn,
 * a TLS handshake offering every version (as mstsc's does), the request, the head of the answer
 * (at most {@link HttpResponseHead#MAX_HEAD_BYTES}, within the connection's read timeout and the
 * deadline), close. Whatever the gateway does ends as an {@link HttpExchange}, never an exception.
 */
final class GatewayLink {

    /** An answer: what is reported, and the head for the probe to read further when there was one. */
    record Answer(HttpExchange exchange, Optional<HttpResponseHead> head) {
    }

    private GatewayLink() {
    }

    /** {@code gw.corp} (port 443) or {@code gw.corp:8443}, IPv6 literals in brackets: the Host field. */
    static String hostField(String host, int port) {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == rdpcheck.probes.Route.GATEWAY_PORT ? name : name + ":" + port;
    }

    /** SNI for a name; none for an address literal (RFC 6066 3). */
    static Optional<String> serverName(String host) {
        boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        return literal ? Optional.empty() : Optional.of(host);
    }

    static Answer exchange(ProbeContext context, InetSocketAddress address, String host, RdgRequest request) {
        long started = System.nanoTime();
        try (Connection connection = context.connect(address)) {
            try (TlsSession tls = RdpTls.handshake(connection, EnumSet.allOf(TlsVersion.class), serverName(host))) {
                long sent = System.nanoTime();
                OutputStream out = tls.output();
                out.write(request.encode());
                out.flush();
                byte[] raw;
                try {
                    raw = HttpResponseHead.read(tls.input(), HttpResponseHead.MAX_HEAD_BYTES);
                } catch (MalformedPduException e) {
                    return failed(request, HttpExchange.Kind.NOT_HTTP, "the gateway's answer is not an HTTP response head: "
                            + rdpcheck.probes.ProbeText.of(e), sent);
                }
                try {
                    HttpResponseHead head = HttpResponseHead.decode(raw);
                    List<AuthChallenge> challenges = AuthChallenge.parse(head.values("WWW-Authenticate"));
                    HttpExchange exchange = new HttpExchange(request.line(), HttpExchange.Kind.ANSWERED,
                            Optional.of(head.status()), head.reason(), head.value("Server"),
                            AuthChallenge.schemes(challenges), "", millisSince(sent));
                    return new Answer(exchange, Optional.of(head));
                } catch (MalformedPduException e) {
                    return failed(request, HttpExchange.Kind.NOT_HTTP, "the gateway answered with " + raw.length
                            + " bytes that are not an HTTP response: " + rdpcheck.probes.ProbeText.of(e) + " ["
                            + Bytes.asciiPreview(raw, 32) + "]", sent);
                }
            } catch (TlsHandshakeException e) {
                return failed(request, HttpExchange.Kind.NOT_SENT, "the TLS handshake failed: " + e.failure().detail(), started);
            }
        } catch (ProbeException e) {
            return failed(request, HttpExchange.Kind.NOT_SENT, rdpcheck.probes.ProbeText.of(e), started);
        } catch (SocketTimeoutException e) {
            return failed(request, HttpExchange.Kind.TIMED_OUT, "no answer: " + rdpcheck.probes.ProbeText.of(e), started);
        } catch (EOFException e) {
            return failed(request, HttpExchange.Kind.CLOSED, "the gateway closed the connection without answering", started);
        } catch (ReplyTooLargeException e) {
            return failed(request, HttpExchange.Kind.NOT_HTTP, "the gateway's answer is too large: " + rdpcheck.probes.ProbeText.of(e), started);
        } catch (IOException e) {
            // a reset, or TLS records that stop making sense: the library's words name its classes, not what happened
            return failed(request, HttpExchange.Kind.CLOSED, e instanceof java.net.SocketException
                    ? "the gateway closed or reset the connection without answering"
                    : "the TLS connection failed while waiting for the answer", started);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(request, HttpExchange.Kind.NOT_HTTP,
                    "rdpcheck could not process the gateway's answer (an error in rdpcheck)", started);
        }
    }

    private static Answer failed(RdgRequest request, HttpExchange.Kind kind, String detail, long started) {
        return new Answer(new HttpExchange(request.line(), kind, Optional.empty(), "", Optional.empty(), List.of(), detail,
                millisSince(started)), Optional.empty());
    }

    static double millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000.0;
    }
}
