package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.lab.ConnectionHandler;
import rdpcheck.probes.lab.LabHost;
import rdpcheck.probes.lab.LabHosts;
import rdpcheck.probes.lab.Misbehaviours;

/** Every foundation rule on findings the real probes produce against simulated hosts on loopback. */
class LabDiagnosisTest {

    static final ProbeOptions FAST = ProbeOptions.defaults()
            .withDeadline(Duration.ofSeconds(5))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(700));

    private final Diagnostician diagnostician = new Diagnostician();

    static CheckRun check(ConnectionHandler handler) throws IOException {
        try (LabHost host = LabHost.start("diag", handler)) {
            return Probes.standardRunner().run(host.target(), FAST);
        }
    }

    /** Diagnoses, after checking every match supplied the facts its playbook declares. */
    List<Diagnosis> diagnose(CheckRun run) {
        for (Match match : diagnostician.assess(run)) {
            for (String fact : Catalogue.playbook(match.id()).facts()) {
                assertTrue(match.facts().containsKey(fact), match.id() + " rule did not supply " + fact);
            }
        }
        return diagnostician.diagnose(run);
    }

    @Test
    void nlaRequired_isHealthyWithNlaInfo() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.nlaRequired()));
        assertEquals(List.of("healthy", "security.nla-required"), Scenarios.ids(diagnoses));
        assertEquals(Severity.INFO, diagnoses.get(1).severity());
        assertTrue(diagnoses.get(1).evidence().stream().anyMatch(e -> e.contains("HYBRID_REQUIRED_BY_SERVER")),
                diagnoses.get(1).evidence().toString());
        assertTrue(diagnoses.get(0).explanation().contains("requires Network Level Authentication"));
    }

    @Test
    void negotiate_reportsNlaNotEnforced() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.negotiate()));
        assertEquals(List.of("security.nla-not-enforced"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).title().contains("not required"));
        assertTrue(diagnoses.get(0).explanation().contains("TLS alone or Standard RDP Security"));
    }

    @Test
    void tlsRequiredWithoutNla_reportsNlaNotEnforcedWithTlsOnly() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.tlsRequired()));
        assertEquals(List.of("security.nla-not-enforced"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).explanation().contains("with TLS alone,"), diagnoses.get(0).explanation());
    }

    @Test
    void rdpOnly_reportsSslNotAllowed() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.rdpOnly()));
        assertEquals(List.of("security.ssl-not-allowed"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).explanation().contains("SSL_NOT_ALLOWED_BY_SERVER"));
    }

    @Test
    void preVista_reportsLegacyServerOnly() throws IOException {
        assertEquals(List.of("rdp.legacy-server"), Scenarios.ids(diagnose(check(LabHosts.preVista()))));
    }

    @Test
    void certificateMissing_reportsSslCertNotOnServer() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.certificateMissing()));
        assertEquals("security.ssl-cert-not-on-server", diagnoses.get(0).id());
        assertEquals(Severity.CRITICAL, diagnoses.get(0).severity());
    }

    @Test
    void http_reportsNotRdpNamingTheService() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.http()));
        assertEquals(List.of("rdp.not-rdp"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).title().contains("HTTP"), diagnoses.get(0).title());
    }

    @Test
    void ssh_reportsNotRdp() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.ssh()));
        assertEquals(List.of("rdp.not-rdp"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).title().contains("SSH"), diagnoses.get(0).title());
    }

    @Test
    void silent_reportsSilentAndNothingElse() throws IOException {
        assertEquals(List.of("rdp.silent"), Scenarios.ids(diagnose(check(Misbehaviours.silent()))));
    }

    @Test
    void hangUp_reportsClosedExplaining0x904() throws IOException {
        CheckRun run = check(Misbehaviours.hangUp());
        List<Diagnosis> diagnoses = diagnose(run);
        assertEquals(List.of("rdp.closed"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).explains().get(0).contains("0x904"));
        assertTrue(diagnostician.verdict(run, diagnoses).contains("0x904 / extended 0x7"));
    }

    @Test
    void reset_reportsClosed() throws IOException {
        assertEquals(List.of("rdp.closed"), Scenarios.ids(diagnose(check(Misbehaviours.reset()))));
    }

    @Test
    void closedPort_reportsTcpRefusedExplaining0x204() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CheckRun run = Probes.standardRunner().run(new Target("127.0.0.1", port, "127.0.0.1:" + port), FAST);
        List<Diagnosis> diagnoses = diagnose(run);
        assertEquals(List.of("tcp.refused"), Scenarios.ids(diagnoses));
        String verdict = diagnostician.verdict(run, diagnoses);
        assertTrue(verdict.startsWith("127.0.0.1:" + port + ": nothing accepts connections on port " + port), verdict);
        assertTrue(verdict.contains("0x204"), verdict);
    }

    @Test
    void unknownName_reportsDnsUnresolvableAndHidesTheRest() {
        // test-hosts is the only resolver in tests: this name is "no such name".
        Target target = new Target("nosuch.rdpcheck.test", 3389, "nosuch.rdpcheck.test");
        CheckRun run = Probes.standardRunner().run(target, FAST);
        List<Diagnosis> diagnoses = diagnose(run);
        assertEquals(List.of("dns.unresolvable"), Scenarios.ids(diagnoses));
        assertTrue(diagnostician.verdict(run, diagnoses).startsWith("nosuch.rdpcheck.test:3389: the name nosuch.rdpcheck.test does not resolve"));
    }

    @Test
    void gateDenyingEverything_reportsPolicyDenied() throws IOException {
        try (LabHost host = LabHost.start("diag", LabHosts.nlaRequired())) {
            CheckRun run = Probes.standardRunner().run(host.target(),
                    FAST.withGate((address, port) -> Optional.of("not in the allowed networks")));
            List<Diagnosis> diagnoses = diagnose(run);
            assertEquals(List.of("policy.denied"), Scenarios.ids(diagnoses));
            assertTrue(diagnoses.get(0).evidence().get(0).contains("not in the allowed networks"));
            assertEquals(0, host.connectionsAccepted());
        }
    }
}
