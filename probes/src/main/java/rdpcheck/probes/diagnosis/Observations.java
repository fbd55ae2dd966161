package rdpcheck.probes.diagnosis;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.Findings;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Target;
import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.nla.CredSspProbe;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsProbe;

/** What the rules read: the findings of one check, with typed access to each probe's result. */
final class Observations {

    private final CheckRun run;

    Observations(CheckRun run) {
        this.run = run;
    }

    Target target() {
        return run.target();
    }

    Findings findings() {
        return run.findings();
    }

    /** When the check ran: "now" for certificate dates, so a recorded check reads the same later. */
    Instant checkedAt() {
        return run.startedAt();
    }

    <R> Optional<R> result(ProbeId<R> id) {
        return run.findings().result(id);
    }

    Optional<ProbeOutcome> outcome(ProbeId<?> id) {
        return run.findings().outcome(id);
    }

    Map<ProbeId<?>, ProbeOutcome> outcomes() {
        return run.findings().outcomes();
    }

    Optional<DnsResult> dns() {
        return result(DnsProbe.ID);
    }

    Optional<TcpResult> tcp() {
        return result(TcpProbe.ID);
    }

    Optional<NegotiationResult> negotiation() {
        return result(NegotiationProbe.ID);
    }

    /** Some TLS handshake of the check completed (the tls probe's, or CredSSP's inside one). */
    boolean tlsHandshakeCompleted() {
        return result(TlsProbe.ID).map(TlsResult::handshakeSucceeded).orElse(false)
                || result(CredSspProbe.ID).isPresent();
    }

    /** A match builder with the facts every template may use: host, port, target. */
    Match.Builder match(String id) {
        return Match.of(id)
                .fact("host", target().host())
                .fact("port", target().port())
                .fact("target", target().key());
    }
}
