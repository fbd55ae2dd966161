package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rdpcheck.probes.diagnosis.Scenarios.connected;
import static rdpcheck.probes.diagnosis.Scenarios.failed;
import static rdpcheck.probes.diagnosis.Scenarios.ids;
import static rdpcheck.probes.diagnosis.Scenarios.refused;
import static rdpcheck.probes.diagnosis.Scenarios.selected;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationAttempt;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.net.TcpState;
import rdpcheck.probes.rdp.NegotiationProbe;

/** Rules on findings loopback cannot produce: dropped SYNs, slow paths, probes out of time. */
class SyntheticRulesTest {

    private final Diagnostician diagnostician = new Diagnostician();

    @Test
    void droppedSyn_reportsTcpTimeout() {
        CheckRun run = Scenarios.of().resolved("10.0.0.7")
                .tcp(failed("10.0.0.7", TcpState.TIMED_OUT, "connect timed out after 3000 ms"))
                .outcome(NegotiationProbe.ID, new ProbeOutcome.Skipped("the tcp probe found no open address"))
                .run();
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("tcp.timeout"), ids(diagnoses));
        assertTrue(diagnoses.get(0).title().contains("did not answer the TCP connect"), diagnoses.get(0).title());
        assertTrue(diagnoses.get(0).evidence().get(0).contains("10.0.0.7: TIMED_OUT"));
    }

    @Test
    void unreachable_reportsTcpTimeoutSayingUnreachable() {
        CheckRun run = Scenarios.of().resolved("10.0.0.7")
                .tcp(failed("10.0.0.7", TcpState.UNREACHABLE, "No route to host")).run();
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("tcp.timeout"), ids(diagnoses));
        assertTrue(diagnoses.get(0).title().contains("unreachable"));
    }

    @Test
    void ipv6DeadIpv4Alive_reportsSomeAddressesFailing() {
        CheckRun run = Scenarios.of().resolved("fd00::7", "10.0.0.7")
                .tcp(failed("fd00::7", TcpState.TIMED_OUT, "timed out"), connected("10.0.0.7", 2.0, 2.1, 2.2))
                .negotiation(Scenarios.windowsNlaRequired()).run();
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("tcp.some-addresses-failing", "security.nla-required"), ids(diagnoses));
        assertTrue(diagnoses.get(0).title().contains("fd00::7"));
    }

    @Test
    void slowPath_reportsLatencyHighWithRttAndJitter() {
        CheckRun run = Scenarios.of().resolved("10.0.0.7")
                .tcp(connected("10.0.0.7", 180.0, 240.0, 210.0))
                .negotiation(Scenarios.windowsNlaRequired()).run();
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("latency.high", "security.nla-required"), ids(diagnoses));
        assertEquals("High latency: 210 ms round trip", diagnoses.get(0).title());
        assertTrue(diagnoses.get(0).explanation().contains("jitter 60 ms"));
    }

    @Test
    void fastPath_noLatencyDiagnosis() {
        CheckRun run = Scenarios.of().resolved("10.0.0.7").tcp(connected("10.0.0.7", 149.0))
                .negotiation(Scenarios.windowsNlaRequired()).run();
        assertEquals(List.of("healthy", "security.nla-required"), ids(diagnostician.diagnose(run)));
    }

    @Test
    void negotiationTimedOut_reportsProbeTimeoutAndNotHealthy() {
        CheckRun run = Scenarios.of().resolved("10.0.0.7").tcp(connected("10.0.0.7", 2.0))
                .outcome(NegotiationProbe.ID, new ProbeOutcome.TimedOut(Duration.ofSeconds(10))).run();
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("probe.timeout"), ids(diagnoses));
        assertTrue(diagnoses.get(0).evidence().get(0).contains("negotiation probe: timed out after 10000 ms"));
    }

    /** A hung listener whose accept queue filled after the tcp probe: every request's connect times out. */
    @Test
    void connectedThenEveryLegTimesOut_reportsSilentNotHealthy() {
        List<NegotiationAttempt> legs = new java.util.ArrayList<>();
        for (int requested : NegotiationResult.REQUESTED_SETS) {
            legs.add(new NegotiationAttempt(requested, new NegotiationReply.ConnectFailed(TcpState.TIMED_OUT,
                    "connect to 10.0.0.7:3389 timed out"), 1000));
        }
        CheckRun run = Scenarios.of().resolved("10.0.0.7").tcp(connected("10.0.0.7", 2.0))
                .negotiation(legs.toArray(NegotiationAttempt[]::new)).run();
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("rdp.silent"), ids(diagnoses));
        assertTrue(diagnoses.get(0).evidence().get(0).contains("timed out"), diagnoses.get(0).evidence().toString());
    }

    @Test
    void probeInternalError_reportsProbeFailed() {
        CheckRun run = Scenarios.of().resolved("10.0.0.7").tcp(connected("10.0.0.7", 2.0))
                .outcome(NegotiationProbe.ID, new ProbeOutcome.Failed("internal error in the negotiation probe: boom",
                        Duration.ofMillis(3))).run();
        assertEquals(List.of("probe.failed"), ids(diagnostician.diagnose(run)));
    }

    /** xrdp's answer: CredSSP asked, TLS picked; a TLS-only and an RDP-only client both get in. */
    @Test
    void xrdpPicksTlsForCredSsp_reportsNlaNotSupportedNotNotEnforced() {
        CheckRun run = Scenarios.of().resolved("127.0.0.1").tcp(connected("127.0.0.1", 0.2))
                .negotiation(refused(0x0, 0x01), selected(0x1, 0x1), selected(0x3, 0x1), selected(0x4, 0x1),
                        selected(0xB, 0x1), selected(0x10, 0x1))
                .run();
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("security.nla-not-supported"), ids(diagnoses));
        assertTrue(diagnoses.get(0).evidence().stream().anyMatch(e -> e.contains("PROTOCOL_HYBRID_EX")
                && e.contains("selectedProtocol=PROTOCOL_SSL")), diagnoses.get(0).evidence().toString());
        assertTrue(diagnoses.get(0).explanation().contains("xrdp"));
    }

    @Test
    void xrdpRdpOnly_answersEverythingWithRdp_reportsSslNotAllowed() {
        CheckRun run = Scenarios.of().resolved("127.0.0.1").tcp(connected("127.0.0.1", 0.2))
                .negotiation(selected(0x0, 0x0), selected(0x1, 0x0), selected(0x3, 0x0), selected(0x4, 0x0),
                        selected(0xB, 0x0), selected(0x10, 0x0))
                .run();
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("security.ssl-not-allowed"), ids(diagnoses));
        assertTrue(diagnoses.get(0).explanation().contains("answers even a TLS or CredSSP request with PROTOCOL_RDP"));
    }

    @Test
    void verdict_healthy_isOneSentenceWithHostPortAndSecurity() {
        CheckRun run = Scenarios.of().resolved("10.0.0.7").tcp(connected("10.0.0.7", 2.0))
                .negotiation(Scenarios.windowsNlaRequired()).run();
        String verdict = diagnostician.verdict(run, diagnostician.diagnose(run));
        assertEquals("rdp01.corp.example:3389: no problem found from here (requires Network Level Authentication (CredSSP));"
                + " if a user still cannot connect, start with the checklist.", verdict);
    }

    @Test
    void healthy_carriesTheClientChecklist() {
        CheckRun run = Scenarios.of().resolved("10.0.0.7").tcp(connected("10.0.0.7", 2.0))
                .negotiation(Scenarios.windowsNlaRequired()).run();
        Diagnosis healthy = diagnostician.diagnose(run).get(0);
        assertEquals(Severity.OK, healthy.severity());
        String commands = String.join("\n", healthy.fix().stream().map(FixStep::command).toList());
        assertTrue(commands.contains("HKLM\\SOFTWARE\\Microsoft\\MSLicensing"));
        assertTrue(commands.contains("AllowEncryptionOracle"));
        assertTrue(commands.contains("cmdkey /list"));
        assertTrue(commands.contains("cmdkey /delete:TERMSRV/rdp01.corp.example"));
        assertTrue(healthy.fix().stream().anyMatch(s -> s.kind() == FixStep.Kind.NAVIGATION && s.pathText().contains("Connect from anywhere")));
        assertTrue(commands.startsWith("Test-NetConnection -ComputerName rdp01.corp.example -Port 3389"), commands);
        assertTrue(commands.contains("w32tm"));
        assertTrue(healthy.fix().stream().allMatch(s -> s.where().equals("client")));
    }

    @Test
    void emptyCheck_isNotHealthy() {
        CheckRun run = Scenarios.of().run();
        assertFalse(ids(diagnostician.diagnose(run)).contains("healthy"));
        assertTrue(diagnostician.verdict(run, List.of()).contains("no diagnosis"));
    }
}
