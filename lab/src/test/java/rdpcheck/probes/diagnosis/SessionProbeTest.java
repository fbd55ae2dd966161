package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.tls.SessionAnswer;
import rdpcheck.probes.rdp.mcs.SessionProbe;

/**
 * Section 6 of issue 12: on a server that lets a client in with TLS alone, the check goes as far as
 * a client does before its logon (MCS connect, Erect Domain, Attach User, channel joins), and a
 * server that stops answering on the way is diagnosed, saying where.
 */
class SessionProbeTest {

    private final Diagnostician diagnostician = new Diagnostician();

    @Test
    void tlsOnlyServer_sessionGoesUpToTheLogon_andNothingStalls() throws IOException {
        CheckRun run = LabDiagnosisTest.check(LabHosts.xrdpTls());
        SessionAnswer session = run.findings().result(SessionProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
        assertTrue(session.stoppedAt().isEmpty(), session.toString());
        assertEquals(List.of("MCS Connect-Response", "MCS Attach User Confirm", "MCS Channel Join Confirm for 6 channels"),
                session.completed());
        assertTrue(session.facts().contains("user channel 1007"), session.facts().toString());
        List<String> ids = Scenarios.ids(diagnostician.diagnose(run));
        assertFalse(ids.contains("rdp.session-stalled"), ids.toString());
    }

    @Test
    void serverStallingAfterTheConnectResponse_isSessionStalledSayingWhere() throws IOException {
        CheckRun run = LabDiagnosisTest.check(LabHosts.xrdpTlsStallingAfterConnectResponse());
        SessionAnswer session = run.findings().result(SessionProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
        assertEquals(List.of("MCS Connect-Response"), session.completed());
        assertEquals("MCS Attach User Confirm", session.stoppedAt().orElseThrow());
        assertTrue(session.stalled(), session.toString());
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        List<String> ids = Scenarios.ids(diagnoses);
        assertEquals("rdp.session-stalled", ids.get(0), ids.toString());
        assertFalse(ids.contains("healthy"), ids.toString());
        Diagnosis stalled = diagnoses.get(0);
        assertTrue(stalled.title().contains("after the MCS Connect-Response"), stalled.title());
        assertTrue(String.join("\n", stalled.evidence()).contains("waiting for the MCS Attach User Confirm"),
                stalled.evidence().toString());
    }

    @Test
    void nlaServer_sessionIsSkipped_becauseItBeginsOnlyAfterALogon() throws IOException {
        CheckRun run = LabDiagnosisTest.check(LabHosts.windowsServer2019Nla());
        ProbeOutcome outcome = run.findings().outcome(SessionProbe.ID).orElseThrow();
        assertTrue(outcome instanceof ProbeOutcome.Skipped skipped && skipped.reason().contains("logon"), outcome.toString());
    }
}
