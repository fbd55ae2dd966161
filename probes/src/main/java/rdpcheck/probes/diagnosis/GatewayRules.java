package rdpcheck.probes.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.gateway.GatewayCertificate;
import rdpcheck.probes.gateway.GatewayProbes;
import rdpcheck.probes.gateway.GatewayHttpResult;
import rdpcheck.probes.gateway.GatewayTlsResult;
import rdpcheck.probes.gateway.GatewayUdpResult;
import rdpcheck.probes.net.TcpState;

/**
 * Rules on the RD Gateway in front of the host (or checked itself): reachable, TLS, its certificate
 * (which clients must trust: mstsc does not connect through a gateway whose certificate fails), the
 * HTTP transports and the UDP transport.
 */
final class GatewayRules {

    private GatewayRules() {
    }

    static List<Rule> all() {
        return List.of(GatewayRules::unreachable, GatewayRules::tlsFailed, GatewayRules::certExpired,
                GatewayRules::certNameMismatch, GatewayRules::certSelfSigned, GatewayRules::notRdg, GatewayRules::rpcOnly,
                GatewayRules::websocketUnavailable, GatewayRules::noNegotiate, GatewayRules::udpUnavailable);
    }

    static Optional<Match> unreachable(Observations seen) {
        return seen.result(GatewayProbes.TLS)
                .filter(t -> t.outcome() == GatewayTlsResult.Outcome.NOT_REACHED && t.tcpState() != TcpState.DENIED_BY_POLICY)
                .map(t -> gateway(seen, "gateway.unreachable", t.gateway())
                        .fact("state", word(t.tcpState()))
                        .confidence(t.tcpState() == TcpState.REFUSED ? Confidence.CERTAIN : Confidence.LIKELY)
                        .evidence("gateway-tls: " + t.describe())
                        .build());
    }

    static Optional<Match> tlsFailed(Observations seen) {
        return seen.result(GatewayProbes.TLS).filter(t -> t.outcome() == GatewayTlsResult.Outcome.REFUSED)
                .map(t -> gateway(seen, "gateway.tls-failed", t.gateway())
                        .fact("reason", t.detail())
                        .evidence("gateway-tls: " + t.describe())
                        .build());
    }

    static Optional<Match> certExpired(Observations seen) {
        return certificate(seen, "gateway.cert-expired", c -> c.expired() || c.notYetValid(), (c, m) -> m
                .fact("when", c.expired() ? "expired on " + CertificateRules.DATE.format(c.leaf().notAfter()) + ", "
                        + c.expiredAgo() + " ago" : "is not valid before " + CertificateRules.DATE.format(c.leaf().notBefore())));
    }

    static Optional<Match> certNameMismatch(Observations seen) {
        return certificate(seen, "gateway.cert-name-mismatch", c -> !c.nameMatches(), (c, m) -> m
                .fact("names", CertificateRules.namesToConnectWith(c))
                .evidence("name check: " + c.name().describe()));
    }

    static Optional<Match> certSelfSigned(Observations seen) {
        return certificate(seen, "gateway.cert-self-signed", CertificateResult::selfSigned, (c, m) -> m);
    }

    /**
     * RDG_OUT_DATA not answered as an RD Gateway answers it (401 with its schemes): something else
     * answers on the port (a web server, a proxy or CDN edge refusing the method), unless the legacy
     * RPC endpoint answers instead (then {@link #rpcOnly}). Only a warning when the WebSocket request
     * got through: clients that use it still connect.
     */
    static Optional<Match> notRdg(Observations seen) {
        return seen.result(GatewayProbes.HTTP).filter(h -> !h.speaksRdg() && !h.legacyRpcAvailable()).map(h -> {
            Match.Builder match = gateway(seen, "gateway.not-rdg", h.gateway())
                    .fact("answer", h.rdg().kind() == rdpcheck.probes.gateway.HttpExchange.Kind.ANSWERED
                            ? h.rdg().status().orElse(0) + (h.rdg().reason().isEmpty() ? "" : " " + h.rdg().reason())
                            : h.rdg().detail())
                    .fact("server", h.rdg().server().orElse("no Server field"))
                    .evidence(http(h));
            if (h.websocketAvailable()) {
                match.severity(Severity.WARNING);
            }
            return match.build();
        });
    }

    static Optional<Match> rpcOnly(Observations seen) {
        return seen.result(GatewayProbes.HTTP).filter(h -> !h.speaksRdg() && h.legacyRpcAvailable()
                && !h.websocketAvailable()).map(h -> gateway(seen, "gateway.rpc-only", h.gateway())
                .evidence(http(h))
                .build());
    }

    static Optional<Match> websocketUnavailable(Observations seen) {
        return seen.result(GatewayProbes.HTTP).filter(h -> h.speaksRdg() && !h.websocketAvailable()).map(h ->
                gateway(seen, "gateway.websocket-unavailable", h.gateway())
                        .fact("answer", h.websocket().describe())
                        .fact("front", h.frontServer().map(s -> "The answers name " + s + " as the server, not the gateway's"
                                + " HTTP.sys: a proxy or load balancer is in front, and the likeliest place the upgrade is lost.")
                                .orElse("The answers come from HTTP.sys (Server: " + GatewayHttpResult.HTTP_SYS
                                        + ") or name no server: the gateway itself may predate the WebSocket transport"
                                        + " (Windows Server 2016), or a transparent proxy strips the upgrade."))
                        .evidence(http(h))
                        .build());
    }

    static Optional<Match> noNegotiate(Observations seen) {
        return seen.result(GatewayProbes.HTTP).filter(h -> h.speaksRdg() && !h.negotiateOffered()).map(h ->
                gateway(seen, "gateway.no-negotiate", h.gateway())
                        .fact("schemes", String.join(", ", h.authSchemes()))
                        .evidence("gateway-http: " + h.rdg().describe())
                        .build());
    }

    /** UDP closed or silent while the gateway speaks RDG over HTTPS: sessions run over the HTTPS transport only. */
    static Optional<Match> udpUnavailable(Observations seen) {
        Optional<GatewayHttpResult> http = seen.result(GatewayProbes.HTTP).filter(GatewayHttpResult::speaksRdg);
        return seen.result(GatewayProbes.UDP).filter(u -> http.isPresent()
                && (u.answer() == GatewayUdpResult.Answer.CLOSED || u.answer() == GatewayUdpResult.Answer.NO_ANSWER))
                .map(u -> gateway(seen, "gateway.udp-closed", http.get().gateway())
                        .fact("udp", u.gateway())
                        .fact("state", u.answer() == GatewayUdpResult.Answer.CLOSED ? "closed (ICMP port unreachable)"
                                : "silent (no answer to the DTLS ClientHello)")
                        .confidence(u.answer() == GatewayUdpResult.Answer.CLOSED ? Confidence.CERTAIN : Confidence.LIKELY)
                        .evidence("gateway-udp: " + u.describe())
                        .build());
    }

    private static Optional<Match> certificate(Observations seen, String id, Predicate<CertificateResult> test,
                                               java.util.function.BiFunction<CertificateResult, Match.Builder, Match.Builder> extra) {
        return seen.result(GatewayProbes.CERTIFICATE).filter(g -> test.test(g.certificate())).map(g -> {
            CertificateResult c = g.certificate();
            Match.Builder builder = gateway(seen, id, g.gateway())
                    .fact("subject", CertificateRules.subject(c.leaf()))
                    .fact("origin", c.selfSigned() ? "self-signed" : "issued by " + c.leaf().issuer())
                    .fact("thumbprint", c.thumbprint())
                    .evidence("gateway " + CertificateRules.describe(c));
            return extra.apply(c, builder).build();
        });
    }

    /** A match with the gateway's facts: {@code gateway} (host:port), {@code gatewayHost}, {@code gatewayPort}. */
    static Match.Builder gateway(Observations seen, String id, String gateway) {
        int colon = gateway.lastIndexOf(':');
        String host = gateway.substring(0, colon);
        return seen.match(id)
                .fact("gateway", gateway)
                .fact("gatewayHost", host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                .fact("gatewayPort", gateway.substring(colon + 1));
    }

    private static List<String> http(GatewayHttpResult h) {
        List<String> lines = new ArrayList<>();
        lines.add("gateway-http: " + h.rdg().describe());
        lines.add("gateway-http: " + h.websocket().describe() + " [" + h.websocketAnswer() + "]");
        lines.add("gateway-http: " + h.rpc().describe());
        return lines;
    }

    private static String word(TcpState state) {
        return switch (state) {
            case REFUSED -> "refuses the connection";
            case TIMED_OUT -> "does not answer (the connection timed out)";
            case UNREACHABLE -> "is unreachable (no route)";
            default -> "cannot be reached";
        };
    }
}
