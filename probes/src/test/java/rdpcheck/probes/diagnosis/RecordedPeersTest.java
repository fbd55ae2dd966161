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
    void xrdpTlsRequired_reportsNlaNotSupported_notNotEnforced() {
        CheckRun run = RecordedRuns.load("healthy");
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("security.nla-not-supported"), ids(diagnoses));
        assertTrue(diagnoses.get(0).evidence().stream()
                .anyMatch(e -> e.startsWith("requested PROTOCOL_SSL|PROTOCOL_HYBRID|PROTOCOL_HYBRID_EX (0xb) -> RDP_NEG_RSP selectedProtocol=PROTOCOL_SSL")),
                diagnoses.get(0).evidence().toString());
    }

    @Test
    void xrdpExpired_negotiationAloneLooksLikeHealthyPeer() {
        // The expired certificate only shows in the TLS probe; negotiation is the same as the healthy peer's.
        assertEquals(List.of("security.nla-not-supported"), ids(diagnostician.diagnose(RecordedRuns.load("expired"))));
    }

    @Test
    void xrdpRdpOnly_reportsSslNotAllowed() {
        CheckRun run = RecordedRuns.load("rdponly");
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("security.ssl-not-allowed"), ids(diagnoses));
        assertTrue(diagnostician.verdict(run, diagnoses).startsWith(
                "127.0.0.1:33894: the server allows only Standard RDP Security: it answers even a TLS or CredSSP request with PROTOCOL_RDP"));
    }

    @Test
    void freerdpShadowWithNla_isHealthyWithNlaRequired() {
        CheckRun run = RecordedRuns.load("nla");
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("healthy", "security.nla-required"), ids(diagnoses));
        assertTrue(diagnoses.get(1).evidence().get(0)
                .equals("requested PROTOCOL_RDP (0x0) -> RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER: the server requires CredSSP (Network Level Authentication)"));
    }

    @Test
    void socatSilent_reportsSilent() {
        List<Diagnosis> diagnoses = diagnostician.diagnose(RecordedRuns.load("silent"));
        assertEquals(List.of("rdp.silent"), ids(diagnoses));
        assertTrue(diagnoses.get(0).explanation().contains("nothing comes back within 40"), diagnoses.get(0).explanation());
    }

    @Test
    void closedPort_reportsTcpRefused() {
        CheckRun run = RecordedRuns.load("closed");
        assertEquals(List.of("tcp.refused"), ids(diagnostician.diagnose(run)));
    }
}
