package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rdpcheck.probes.diagnosis.Scenarios.ids;

import java.util.List;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;

/** Rules on findings recorded from the real servers (xrdp, FreeRDP shadow, socat, a closed port). */
class RecordedPeersTest {

    private final Diagnostician diagnostician = new Diagnostician();

    @Test
    void xrdpTlsRequired_reportsNlaNotSupported_andItsShortLivedCertificate() {
        CheckRun run = RecordedRuns.load("healthy");
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        // The peer's CA-issued certificate is made for 30 days: it is always "expiring soon".
        assertEquals(List.of("security.nla-not-supported", "cert.expiring-soon"), ids(diagnoses));
        assertTrue(diagnoses.get(0).evidence().stream()
                .anyMatch(e -> e.startsWith("requested PROTOCOL_SSL|PROTOCOL_HYBRID|PROTOCOL_HYBRID_EX (0xb) -> RDP_NEG_RSP selectedProtocol=PROTOCOL_SSL")),
                diagnoses.get(0).evidence().toString());
    }

    /** The headline case: xrdp with TLS required and an expired self-signed certificate. */
    @Test
    void xrdpExpired_expiredLeadsExplaining0x904_selfSignedIsInfo() {
        CheckRun run = RecordedRuns.load("expired");
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("cert.expired", "cert.self-signed", "security.nla-not-supported"), ids(diagnoses));
        assertEquals(Severity.CRITICAL, diagnoses.get(0).severity());
        assertEquals(Severity.INFO, diagnoses.get(1).severity());
        assertTrue(diagnoses.get(0).title().endsWith("(30 days ago)"), diagnoses.get(0).title());
        assertTrue(diagnoses.get(0).evidence().get(0).contains("CN=localhost, self-signed"), diagnoses.get(0).evidence().get(0));
        String verdict = diagnostician.verdict(run, diagnoses);
        assertTrue(verdict.startsWith("localhost:33892: the server's RDP certificate (self-signed) expired on "), verdict);
        assertTrue(verdict.contains("30 days ago — this explains mstsc 0x904 / extended 0x7"), verdict);
    }

    @Test
    void xrdpRdpOnly_reportsSslNotAllowed_andNoWeakEncryptionAt128Bit() {
        CheckRun run = RecordedRuns.load("rdponly");
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("security.ssl-not-allowed"), ids(diagnoses));
        assertTrue(diagnostician.verdict(run, diagnoses).startsWith(
                "127.0.0.1:33894: the server allows only Standard RDP Security: it answers even a TLS or CredSSP request with PROTOCOL_RDP"));
    }

    @Test
    void freerdpShadowWithNla_byIp_nameMismatchLeads_andTheHostIsNamed() {
        CheckRun run = RecordedRuns.load("nla");
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("cert.name-mismatch", "cert.self-signed", "security.nla-required"), ids(diagnoses));
        assertTrue(diagnoses.get(2).evidence().get(0)
                .equals("requested PROTOCOL_RDP (0x0) -> RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER: the server requires CredSSP (Network Level Authentication)"));
        String verdict = diagnostician.verdict(run, diagnoses);
        assertTrue(verdict.contains("the RDP certificate is for RDPTEST-NLA, not for 127.0.0.1"), verdict);
        assertTrue(rdpcheck.probes.report.Facts.of(run.target(), run.findings()).stream()
                .anyMatch(f -> f.label().equals("host") && f.value().startsWith("RDPTEST-NLA")), verdict);
    }

    @Test
    void socatSilent_reportsSilent() {
        List<Diagnosis> diagnoses = diagnostician.diagnose(RecordedRuns.load("silent"));
        assertEquals(List.of("rdp.silent"), ids(diagnoses));
        assertTrue(diagnoses.get(0).explanation().matches(".*nothing comes back within 4\\d{3} ms.*"), diagnoses.get(0).explanation());
    }

    @Test
    void closedPort_reportsTcpRefused() {
        CheckRun run = RecordedRuns.load("closed");
        assertEquals(List.of("tcp.refused"), ids(diagnostician.diagnose(run)));
    }
}
