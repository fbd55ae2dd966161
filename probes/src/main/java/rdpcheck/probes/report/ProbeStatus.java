package rdpcheck.probes.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.net.TcpState;
import rdpcheck.probes.nla.CredSspResult;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.mcs.SecurityLayerResult;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.udp.UdpResult;

/**
 * What a probe found, in a few words for the probe table: {@code dns: no such name},
 * {@code tcp: refused}, {@code negotiation: not RDP}. "ok" says only that the probe ran, which
 * read as "the port is fine" on a refused port.
 */
public final class ProbeStatus {

    private ProbeStatus() {
    }

    public static String of(ProbeOutcome outcome) {
        if (outcome instanceof ProbeOutcome.Completed completed) {
            return completed(completed.result());
        }
        if (outcome instanceof ProbeOutcome.Failed) {
            return "failed";
        }
        return outcome instanceof ProbeOutcome.TimedOut ? "timed out" : "skipped";
    }

    static String completed(Object result) {
        if (result instanceof DnsResult dns) {
            if (dns.status() == DnsResult.DnsStatus.LITERAL) {
                return "address given";
            }
            return dns.resolved() ? dns.addresses().size() + (dns.addresses().size() == 1 ? " address" : " addresses")
                    : dnsFailure(dns);
        }
        if (result instanceof TcpResult tcp) {
            List<TcpState> states = tcp.attempts().stream().map(TcpResult.AddressAttempt::state).distinct().toList();
            return states.isEmpty() ? "no address" : states.stream().map(ProbeStatus::tcpWord).collect(Collectors.joining(", "));
        }
        if (result instanceof NegotiationResult negotiation) {
            if (negotiation.spokeRdp()) {
                return negotiation.legacyServer() ? "RDP, no negotiation" : "RDP answered";
            }
            if (negotiation.any(r -> r instanceof NegotiationReply.NotRdp)) {
                return "not RDP";
            }
            if (negotiation.any(r -> r instanceof NegotiationReply.Silent)) {
                return "no answer";
            }
            return negotiation.any(r -> r instanceof NegotiationReply.Malformed) ? "malformed answer" : "closed";
        }
        if (result instanceof TlsResult tls) {
            return tls.newestAccepted().map(v -> v.label() + (tls.acceptedVersions().size() > 1 ? " and older" : ""))
                    .orElse(tls.handshakeFailed() ? "handshake failed" : "no handshake");
        }
        if (result instanceof CertificateResult cert) {
            return cert.expired() ? "expired" : cert.notYetValid() ? "not yet valid" : "valid dates";
        }
        if (result instanceof CredSspResult credssp) {
            return credssp.identity().isPresent() ? "NTLM challenge" : credssp.errorName().orElse("answered");
        }
        if (result instanceof SecurityLayerResult layer) {
            return layer.noAnswer() ? "no answer" : layer.strongestAccepted().map(m -> m.label()).orElse("no method");
        }
        if (result instanceof UdpResult udp) {
            return udp.summary();
        }
        return "done";
    }

    /** {@code refused}, {@code timed out}, ... */
    public static String tcpWord(TcpState state) {
        return switch (state) {
            case CONNECTED -> "open";
            case REFUSED -> "refused";
            case TIMED_OUT -> "timed out";
            case UNREACHABLE -> "unreachable";
            case DENIED_BY_POLICY -> "not allowed by policy";
            case ERROR -> "error";
        };
    }

    static String dnsFailure(DnsResult dns) {
        return switch (dns.status()) {
            case NO_SUCH_NAME -> "no such name";
            case TEMPORARY_FAILURE -> "DNS server failed";
            case TIMED_OUT -> "DNS timed out";
            default -> dns.status().name().toLowerCase(Locale.ROOT);
        };
    }
}
