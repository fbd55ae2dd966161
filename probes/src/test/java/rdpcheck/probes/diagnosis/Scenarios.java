package rdpcheck.probes.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.Findings;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Target;
import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.net.TcpState;
import rdpcheck.probes.rdp.NegotiationAttempt;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.net.TcpProbe;

/**
 * Hand-built check runs for faults loopback cannot produce (a dropped SYN, a 200 ms path, a probe
 * that runs out of time). Everything a socket can produce is tested on lab hosts instead.
 */
final class Scenarios {

    static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");
    static final Target TARGET = new Target("rdp01.corp.example", 3389, "rdp01.corp.example");

    private final Map<ProbeId<?>, ProbeOutcome> outcomes = new LinkedHashMap<>();
    private Target target = TARGET;

    static Scenarios of() {
        return new Scenarios();
    }

    Scenarios target(Target value) {
        target = value;
        return this;
    }

    <R> Scenarios completed(ProbeId<R> id, R result) {
        outcomes.put(id, new ProbeOutcome.Completed(result, Duration.ofMillis(5)));
        return this;
    }

    Scenarios outcome(ProbeId<?> id, ProbeOutcome outcome) {
        outcomes.put(id, outcome);
        return this;
    }

    Scenarios resolved(String... addresses) {
        return completed(DnsProbe.ID, new DnsResult(DnsResult.DnsStatus.RESOLVED, List.of(addresses), 3, ""));
    }

    Scenarios tcp(TcpResult.AddressAttempt... attempts) {
        return completed(TcpProbe.ID, new TcpResult(List.of(attempts)));
    }

    Scenarios negotiation(NegotiationAttempt... attempts) {
        return completed(NegotiationProbe.ID, new NegotiationResult(List.of(attempts)));
    }

    CheckRun run() {
        return new CheckRun(target, new Findings(outcomes), NOW, Duration.ofMillis(100));
    }

    static TcpResult.AddressAttempt connected(String address, Double... millis) {
        return new TcpResult.AddressAttempt(address, TcpState.CONNECTED, List.of(millis), "");
    }

    static TcpResult.AddressAttempt failed(String address, TcpState state, String detail) {
        return new TcpResult.AddressAttempt(address, state, List.of(), detail);
    }

    static NegotiationAttempt selected(int requested, int selectedProtocol) {
        return new NegotiationAttempt(requested, new NegotiationReply.Selected(selectedProtocol, 0x1f), 2);
    }

    static NegotiationAttempt refused(int requested, int failureCode) {
        return new NegotiationAttempt(requested, new NegotiationReply.Refused(failureCode), 2);
    }

    /** A Windows host with NLA required, as the negotiation probe sees it. */
    static NegotiationAttempt[] windowsNlaRequired() {
        return new NegotiationAttempt[] {
            refused(0x0, 0x05), refused(0x1, 0x05), selected(0x3, 0x2), refused(0x4, 0x05),
            selected(0xB, 0x8), refused(0x10, 0x05)};
    }

    static List<String> ids(List<Diagnosis> diagnoses) {
        return diagnoses.stream().map(Diagnosis::id).toList();
    }
}
