package rdpcheck.probes.report;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import rdpcheck.probes.Findings;
import rdpcheck.probes.Target;
import rdpcheck.probes.cert.CertificateFacts;
import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.cert.CertificateProbe;
import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.net.TcpState;
import rdpcheck.probes.diagnosis.Identity;
import rdpcheck.probes.nla.CredSspResult;
import rdpcheck.probes.nla.CredSspProbe;
import rdpcheck.probes.nla.HostIdentity;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.mcs.EncryptionMethod;
import rdpcheck.probes.rdp.mcs.SecurityLayerResult;
import rdpcheck.probes.rdp.mcs.SecurityLayerProbe;
import rdpcheck.probes.tls.TlsAttempt;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.tls.TlsVersion;
import rdpcheck.probes.udp.UdpProbe;
import rdpcheck.probes.udp.UdpResult;

/**
 * The host's facts at a glance, one short labelled line each, in the order an on-call engineer
 * asks: where it is, which security it speaks, its TLS and certificate, who it says it is,
 * Standard RDP Security. Only lines the probes have something for appear. Every renderer
 * (terminal, Slack, Discord, console) shows the same lines, so they are worked out here once.
 */
public final class Facts {

    /** One line: a short label ({@code address}, {@code security}, ...) and its value. */
    public record Fact(String label, String value) {
    }

    /** The requests real clients send (MS-RDPBCGR 2.2.1.1.1): what the security line is built from. */
    static final int MSTSC = Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits() | Protocol.PROTOCOL_HYBRID_EX.bits();
    static final int TLS_AND_NLA = Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits();

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Facts() {
    }

    public static List<Fact> of(Target target, Findings findings) {
        List<Fact> facts = new ArrayList<>();
        address(target, findings).ifPresent(v -> facts.add(new Fact("address", v)));
        findings.result(NegotiationProbe.ID).flatMap(Facts::security).ifPresent(v -> facts.add(new Fact("security", v)));
        findings.result(TlsProbe.ID).flatMap(Facts::tls).ifPresent(v -> facts.add(new Fact("tls", v)));
        findings.result(CertificateProbe.ID).ifPresent(c -> {
            facts.add(new Fact("cert", certificate(c)));
            facts.add(new Fact("validity", validity(c)));
        });
        findings.result(CredSspProbe.ID).flatMap(c -> identity(c, findings)).ifPresent(v -> facts.add(new Fact("host", v)));
        findings.result(SecurityLayerProbe.ID).flatMap(Facts::rdpSecurity).ifPresent(v -> facts.add(new Fact("rdp sec", v)));
        findings.result(UdpProbe.ID).ifPresent(u -> facts.add(new Fact("udp", udp(u, target.port()))));
        facts.addAll(GatewayFacts.of(findings));
        return List.copyOf(facts);
    }

    /** {@code rdp01 → 10.0.0.5 open, RTT 1.2 ms; 10.0.0.6 refused} or {@code rdp01: no such name}. */
    static Optional<String> address(Target target, Findings findings) {
        Optional<DnsResult> dns = findings.result(DnsProbe.ID);
        Optional<TcpResult> tcp = findings.result(TcpProbe.ID);
        if (dns.isEmpty() && tcp.isEmpty()) {
            return Optional.empty();
        }
        if (dns.isPresent() && !dns.get().resolved()) {
            return Optional.of(target.host() + ": " + ProbeStatus.dnsFailure(dns.get()));
        }
        StringBuilder text = new StringBuilder(target.key());
        if (tcp.isEmpty()) {
            dns.ifPresent(d -> text.append(" → ").append(String.join(", ", d.addresses())));
            return Optional.of(text.toString());
        }
        List<TcpResult.AddressAttempt> attempts = tcp.get().attempts();
        boolean literal = dns.map(d -> d.status() == DnsResult.DnsStatus.LITERAL).orElse(false);
        text.append(literal && attempts.size() == 1 ? ": " : " → ");
        text.append(attempts.stream().filter(a -> !a.overCap())
                .map(a -> (literal && attempts.size() == 1 ? "" : a.address() + " ") + tcpState(a))
                .collect(Collectors.joining("; ")));
        int skipped = tcp.get().notChecked();
        if (skipped > 0) {
            text.append("; ").append(skipped).append(skipped == 1 ? " more address" : " more addresses")
                    .append(" not checked (rdpcheck checks a few addresses of one name)");
        }
        return Optional.of(text.toString());
    }

    private static String tcpState(TcpResult.AddressAttempt attempt) {
        if (attempt.state() != TcpState.CONNECTED) {
            return ProbeStatus.tcpWord(attempt.state());
        }
        String rtt = attempt.rttMillis().map(ms -> String.format(Locale.ROOT, ", RTT %s ms", millis(ms))).orElse("");
        String jitter = attempt.jitterMillis().filter(j -> j >= 1).map(j -> String.format(Locale.ROOT, ", jitter %s ms", millis(j))).orElse("");
        return "open" + rtt + jitter;
    }

    /**
     * From the requests real clients send (mstsc 0xB, TLS and NLA 0x3, TLS only 0x1, Standard RDP
     * Security 0x0): {@code mstsc gets CredSSP (NLA) · offered: NLA, TLS · required: NLA}.
     */
    static Optional<String> security(NegotiationResult negotiation) {
        if (!negotiation.spokeRdp()) {
            return negotiation.attempts().stream().map(a -> a.reply()).filter(r -> r instanceof NegotiationReply.NotRdp)
                    .map(r -> "not RDP: " + ((NegotiationReply.NotRdp) r).describe().replaceFirst("^sent ", "it sent "))
                    .findFirst()
                    .or(() -> negotiation.attempts().stream().map(a -> a.reply()).filter(r -> !(r instanceof NegotiationReply.ConnectFailed))
                            .findFirst().map(r -> "no RDP answer: " + r.describe()));
        }
        if (negotiation.legacyServer()) {
            return Optional.of("no security negotiation (pre-Vista server): Standard RDP Security only");
        }
        List<String> offered = new ArrayList<>();
        if (negotiation.nlaOffered()) {
            offered.add("NLA");
        }
        if (negotiation.accepts(Protocol.PROTOCOL_SSL)) {
            offered.add("TLS");
        }
        if (negotiation.accepts(Protocol.PROTOCOL_RDP)) {
            offered.add("Standard RDP Security");
        }
        String required = negotiation.nlaRequired() ? "NLA"
                : negotiation.tlsRequired() ? "TLS"
                : negotiation.accepts(Protocol.PROTOCOL_RDP) ? "nothing (Standard RDP Security accepted)" : "";
        StringBuilder text = new StringBuilder();
        negotiation.reply(MSTSC).or(() -> negotiation.reply(TLS_AND_NLA)).ifPresent(r -> text.append("mstsc gets ")
                .append(r instanceof NegotiationReply.Selected s ? s.protocol().map(Facts::protocolWord).orElse(s.protocolName())
                        : r instanceof NegotiationReply.Refused f ? "refused (" + f.failureName() + ")" : r.describe()));
        if (!offered.isEmpty()) {
            text.append(text.length() > 0 ? " · " : "").append("offered: ").append(String.join(", ", offered));
        }
        if (!required.isEmpty()) {
            text.append(" · required: ").append(required);
        }
        return text.length() == 0 ? Optional.empty() : Optional.of(text.toString());
    }

    private static String protocolWord(Protocol protocol) {
        return switch (protocol) {
            case PROTOCOL_HYBRID -> "NLA (CredSSP)";
            case PROTOCOL_HYBRID_EX -> "NLA (CredSSP, HYBRID_EX)";
            default -> protocol.description();
        };
    }

    /** {@code 1.2, 1.3 accepted · 1.0, 1.1 refused · TLS_AES_256_GCM_SHA384}. */
    static Optional<String> tls(TlsResult tls) {
        List<TlsVersion> accepted = tls.acceptedVersions();
        List<TlsVersion> refused = tls.refusedVersions();
        if (accepted.isEmpty() && refused.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        text.append(accepted.isEmpty() ? "no version accepted" : versions(accepted) + " accepted");
        if (!refused.isEmpty()) {
            text.append(" · ").append(versions(refused)).append(" refused");
        }
        tls.best().flatMap(TlsAttempt::cipherSuite).ifPresent(c -> text.append(" · ").append(c));
        return Optional.of(text.toString());
    }

    private static String versions(List<TlsVersion> versions) {
        return "TLS " + versions.stream().map(v -> v.label().replace("TLS ", "")).collect(Collectors.joining(", "));
    }

    /** {@code CN=rdp01 · SAN rdp01.corp, 10.0.0.5 · issued by CN=Corp CA (self-signed)}. */
    static String certificate(CertificateResult cert) {
        CertificateFacts leaf = cert.leaf();
        List<String> sans = new ArrayList<>(leaf.sanDnsNames());
        sans.addAll(leaf.sanIpAddresses());
        StringBuilder text = new StringBuilder(leaf.subject().isEmpty() ? "(empty subject)" : leaf.subject());
        text.append(" · ").append(sans.isEmpty() ? "no SAN" : "SAN " + String.join(", ", sans));
        text.append(" · ").append(cert.selfSigned() ? "self-signed" : "issued by " + leaf.issuer());
        return text.toString();
    }

    /** {@code expired 2026-11-02 17:39 UTC (30 days ago) · SHA-1 9B08...}. */
    static String validity(CertificateResult cert) {
        CertificateFacts leaf = cert.leaf();
        String when;
        if (cert.expired()) {
            when = "EXPIRED " + DAY.format(leaf.notAfter()) + " (" + cert.expiredAgo() + " ago)";
        } else if (cert.notYetValid()) {
            when = "NOT YET VALID: from " + DAY.format(leaf.notBefore()) + " (in " + cert.validIn() + ")";
        } else {
            when = "valid until " + DAY.format(leaf.notAfter()) + " (" + cert.expiresIn() + " left)";
        }
        return when + " · thumbprint " + leaf.sha1Thumbprint();
    }

    /**
     * {@code RDP01 (CORP), rdp01.corp.example · says NTLM version 10.0.17763: Windows Server 2019 or
     * Windows 10 1809 · clock +2 s}: the version is a claim, named a Windows release only when the
     * rest of the check agrees ({@link Identity#versionClaim}).
     */
    static Optional<String> identity(CredSspResult credssp, Findings findings) {
        List<String> parts = new ArrayList<>();
        credssp.identity().filter(id -> !id.isEmpty()).ifPresent(id -> {
            String names = id.describe();
            Optional<String> fqdn = id.dnsComputerName().filter(d -> !d.equalsIgnoreCase(names));
            parts.add(names + fqdn.map(d -> ", " + d).orElse(""));
        });
        Identity.versionClaim(findings).ifPresent(claim -> parts.add("says " + claim));
        credssp.clockSkew().ifPresent(skew -> parts.add("clock " + skew(skew)));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" · ", parts));
    }

    static String skew(Duration skew) {
        long seconds = skew.toSeconds();
        String sign = seconds < 0 ? "-" : "+";
        long abs = Math.abs(seconds);
        if (abs < 1) {
            return "in sync";
        }
        String amount = abs < 120 ? abs + " s" : abs < 7_200 ? abs / 60 + " min" : abs / 3600 + " h";
        return sign + amount;
    }

    /** {@code 128-bit RC4, FIPS 140-1 (3DES) · level High · server key RSA 512 bits · RDP 5.x ...}. */
    static Optional<String> rdpSecurity(SecurityLayerResult layer) {
        if (layer.noAnswer()) {
            return Optional.of("no answer to the MCS Connect-Initial (encryption methods unknown)");
        }
        List<String> parts = new ArrayList<>();
        List<EncryptionMethod> methods = layer.acceptedMethods();
        parts.add(methods.isEmpty() ? (layer.encryptsNothing() ? "no encryption" : "no method accepted")
                : methods.stream().map(EncryptionMethod::label).collect(Collectors.joining(", ")));
        layer.encryptionLevel().ifPresent(level -> parts.add("level " + level.label()));
        layer.rsaKeyBits().ifPresent(bits -> parts.add("server key RSA " + bits + " bits"));
        layer.rdpVersion().ifPresent(v -> parts.add(v.name()));
        return Optional.of(String.join(" · ", parts));
    }

    /**
     * {@code yes (v2) · MTU 1232 up, 1232 down}, {@code closed: ICMP port unreachable on UDP 3389},
     * {@code no answer on UDP 3389 (2 SYNs, 250 ms each)}: one short line; the evidence has the bytes.
     */
    static String udp(UdpResult udp, int port) {
        String syns = udp.synsSent() + (udp.synsSent() == 1 ? " SYN" : " SYNs");
        String datagrams = udp.datagramsReceived() + (udp.datagramsReceived() == 1 ? " datagram" : " datagrams");
        String text = switch (udp.state()) {
            case ANSWERED -> udp.summary() + udp.upstreamMtu().flatMap(up -> udp.downstreamMtu()
                    .map(down -> " · MTU " + up + " up, " + down + " down")).orElse("")
                    + (udp.internetFacing() ? " · internet-facing (policy)" : "");
            case CLOSED -> "closed: ICMP port unreachable on UDP " + port;
            case NO_ANSWER -> "no answer on UDP " + port + " (" + syns + ")";
            case NOT_RDP_UDP -> "not RDP-UDP on UDP " + port + ": " + datagrams + ", no SYN+ACK";
            case OVERSIZED -> "oversized reply on UDP " + port + ": " + datagrams + ", " + udp.bytesReceived()
                    + "+ bytes for " + syns + " of 1232 bytes";
        };
        return text;
    }

    static String millis(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }
}
