package rdpcheck.probes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.Findings;
import rdpcheck.probes.gateway.GatewayCertificate;
import rdpcheck.probes.gateway.GatewayProbes;
import rdpcheck.probes.gateway.GatewayHttpResult;
import rdpcheck.probes.gateway.GatewayTlsResult;
import rdpcheck.probes.gateway.GatewayUdpResult;
import rdpcheck.probes.gateway.HttpExchange;
import rdpcheck.probes.report.Facts.Fact;

/**
 * The RD Gateway's facts, after the host's: {@code gateway} (address, TLS), {@code gw http} (does it
 * speak RDG, its schemes, WebSocket, RPC over HTTP, a proxy in front), {@code gw udp}, {@code gw cert},
 * {@code gw valid} and {@code gw host} (its names from NTLM).
 */
final class GatewayFacts {

    private GatewayFacts() {
    }

    static List<Fact> of(Findings findings) {
        List<Fact> facts = new ArrayList<>();
        findings.result(GatewayProbes.TLS).ifPresent(t -> facts.add(new Fact("gateway", tls(t))));
        findings.result(GatewayProbes.HTTP).ifPresent(h -> facts.add(new Fact("gw http", http(h))));
        findings.result(GatewayProbes.UDP).ifPresent(u -> facts.add(new Fact("gw udp", udp(u))));
        findings.result(GatewayProbes.CERTIFICATE).ifPresent(c -> {
            facts.add(new Fact("gw cert", Facts.certificate(c.certificate())));
            facts.add(new Fact("gw valid", Facts.validity(c.certificate())));
        });
        findings.result(GatewayProbes.HTTP).flatMap(GatewayFacts::host).ifPresent(v -> facts.add(new Fact("gw host", v)));
        return facts;
    }

    /** {@code gw.corp:443 → 10.0.0.9 · TLS 1.2 · TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}. */
    static String tls(GatewayTlsResult t) {
        String where = t.gateway() + t.address().map(a -> " → " + a).orElse("");
        return switch (t.outcome()) {
            case HANDSHAKE -> where + " · " + t.tlsVersion().orElse("TLS") + t.cipherSuite().map(c -> " · " + c).orElse("");
            case REFUSED -> where + " · TLS handshake failed: " + t.detail();
            case NOT_REACHED -> where + ": " + t.detail();
        };
    }

    /** {@code RD Gateway (401: Negotiate, NTLM) · WebSocket yes · RPC over HTTP yes · in front: nginx/1.22.1}. */
    static String http(GatewayHttpResult h) {
        List<String> parts = new ArrayList<>();
        if (h.speaksRdg()) {
            parts.add("RD Gateway (401: " + String.join(", ", h.authSchemes()) + ")");
        } else {
            HttpExchange rdg = h.rdg();
            parts.add((h.legacyRpcAvailable() ? "no HTTP transport" : "not an RD Gateway") + ": RDG_OUT_DATA → "
                    + (rdg.kind() == HttpExchange.Kind.ANSWERED
                    ? rdg.status().orElse(0) + (rdg.reason().isEmpty() ? "" : " " + rdg.reason()) : rdg.detail()));
        }
        parts.add("WebSocket " + switch (h.websocketAnswer()) {
            case SWITCHED -> "yes";
            case BAD_ACCEPT -> "broken (101 with a wrong Sec-WebSocket-Accept)";
            case NOT_SWITCHED -> "no (" + h.websocket().status().map(String::valueOf).orElse("?") + ")";
            case NO_ANSWER -> "no answer";
        });
        parts.add("RPC over HTTP " + (h.legacyRpcAvailable() ? "yes" : "no"));
        h.frontServer().ifPresent(s -> parts.add("answered by " + s));
        return String.join(" · ", parts);
    }

    /** {@code UDP 3391: DTLS answers (HelloVerifyRequest, DTLS 1.0)}, {@code closed} or {@code no answer}. */
    static String udp(GatewayUdpResult u) {
        String port = "UDP " + u.gateway().substring(u.gateway().lastIndexOf(':') + 1);
        return switch (u.answer()) {
            case HELLO_VERIFY_REQUEST -> port + ": DTLS answers (HelloVerifyRequest" + u.dtlsVersion().map(v -> ", " + v).orElse("") + ")";
            case SERVER_HELLO -> port + ": DTLS answers (ServerHello" + u.dtlsVersion().map(v -> ", " + v).orElse("") + ")";
            case ALERT, OTHER_DTLS -> port + ": DTLS answers (" + u.detail() + ")";
            case NOT_DTLS -> port + ": answers, not DTLS";
            case CLOSED -> port + ": closed";
            case NO_ANSWER -> port + ": no answer";
        };
    }

    /** {@code GW01 (CORP), gw01.corp.example.com · says NTLM version 10.0.20348}. */
    static Optional<String> host(GatewayHttpResult h) {
        List<String> parts = new ArrayList<>();
        h.identity().ifPresent(id -> {
            String names = id.describe();
            parts.add(names + id.dnsComputerName().filter(d -> !d.equalsIgnoreCase(names)).map(d -> ", " + d).orElse(""));
        });
        h.osVersion().ifPresent(v -> parts.add("says NTLM version " + v.number()));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" · ", parts));
    }
}
