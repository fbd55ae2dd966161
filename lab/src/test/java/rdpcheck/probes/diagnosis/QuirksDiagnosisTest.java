package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rdpcheck.probes.diagnosis.LabDiagnosisTest.check;
import static rdpcheck.probes.diagnosis.LabDiagnosisTest.find;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import rdpcheck.probes.CheckRun;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.Quirks;
import rdpcheck.probes.rdp.FailureCode;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsProbe;

/** Real servers' negotiation quirks: conclusions follow what real clients would experience, nothing else. */
class QuirksDiagnosisTest {

    private final Diagnostician diagnostician = new Diagnostician();

    @Test
    void tlsServer_answeringOddRequestsWithSslNotAllowed_isNotStandardRdpOnly() throws IOException {
        // the case: TLS for 0x1, 0x3 and 0xB, SSL_NOT_ALLOWED_BY_SERVER for RDSTLS and RDSAAD alone
        CheckRun run = check(Quirks.tlsServerRefusingOddRequestsAsSslNotAllowed());
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals(List.of("security.nla-not-supported", "udp.unavailable"), Scenarios.ids(diagnoses), diagnoses.toString());
        assertFalse(diagnostician.verdict(run, diagnoses).contains("Standard RDP Security"), diagnostician.verdict(run, diagnoses));
        assertTrue(diagnoses.get(0).evidence().stream().noneMatch(e -> e.contains("RDSTLS") || e.contains("RDSAAD")),
                diagnoses.get(0).evidence().toString());
    }

    @ParameterizedTest
    @EnumSource(FailureCode.class)
    void windowsNla_oddRequestsRefusedWithAnyCode_isDiagnosedAsWithout(FailureCode code) throws IOException {
        List<String> baseline = Scenarios.ids(diagnostician.diagnose(check(LabHosts.healthy())));
        String name = "windows-nla, odd requests get " + code;
        List<String> odd = Scenarios.ids(diagnostician.diagnose(check(Quirks.variants().get(name).get())));
        assertEquals(baseline, odd, name);
    }

    @ParameterizedTest
    @EnumSource(FailureCode.class)
    void rdpOnly_oddRequestsRefusedWithAnyCode_isStillStandardRdpOnly(FailureCode code) throws IOException {
        String name = "rdp-only, odd requests get " + code;
        List<Diagnosis> diagnoses = diagnostician.diagnose(check(Quirks.variants().get(name).get()));
        assertEquals("security.ssl-not-allowed", diagnoses.get(0).id(), name + ": " + Scenarios.ids(diagnoses));
    }

    @Test
    void negotiateWithoutNla_standardRdpBesideTls_isItsOwnFinding_notRdpOnly() throws IOException {
        List<Diagnosis> diagnoses = diagnostician.diagnose(check(Quirks.bareConfirmForRdpRequest()));
        List<String> ids = Scenarios.ids(diagnoses);
        assertTrue(ids.contains("security.tls-not-enforced"), ids.toString());
        assertFalse(ids.contains("security.ssl-not-allowed"), ids.toString());
        Diagnosis fallback = find(diagnoses, "security.tls-not-enforced");
        assertTrue(fallback.fix().stream().anyMatch(f -> f.command().contains("SecurityLayer -Value 2")), fallback.fix().toString());
        assertTrue(fallback.evidence().stream().anyMatch(e -> e.startsWith("requested PROTOCOL_RDP (0x0) -> X.224 Connection Confirm without")),
                fallback.evidence().toString());
    }

    @Test
    void sslSelectedEvenForPlainRdp_isNotNlaRequiredNorRdpOnly() throws IOException {
        List<String> ids = Scenarios.ids(diagnostician.diagnose(check(Quirks.sslSelectedForEverything())));
        assertEquals(List.of("security.nla-not-supported", "udp.unavailable"), ids);
    }

    @Test
    void peerSendingAClientHelloAfterTheConfirm_evidenceSaysItBehavesAsATlsClient() throws IOException {
        CheckRun run = check(Quirks.sendsClientHelloAfterConfirm());
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        assertEquals("tls.handshake-failed", diagnoses.get(0).id(), Scenarios.ids(diagnoses).toString());
        assertTrue(diagnoses.get(0).evidence().stream().anyMatch(e -> e.contains("a ClientHello of its own")
                && e.contains("behaves as a TLS client")), diagnoses.get(0).evidence().toString());
    }

    @Test
    void peerSendingAClientHelloFirst_isNotRdp_namedAsATlsClient() throws IOException {
        List<Diagnosis> diagnoses = diagnostician.diagnose(check(Quirks.sendsClientHelloFirst()));
        assertEquals(List.of("rdp.not-rdp"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).title().contains("TLS client"), diagnoses.get(0).title());
    }

    @Test
    void serverClosingInsteadOfAnsweringTheClientHello_evidenceSaysTheServerClosed() throws IOException {
        CheckRun run = check(LabHosts.nlaRequired());
        TlsResult tls = run.findings().result(TlsProbe.ID).orElseThrow();
        tls.describe().forEach(line -> {
            assertTrue(line.contains("the server hung up (FIN) on the ClientHello"), line);
            assertFalse(line.contains("client"), line.replace("ClientHello", ""));
        });
    }

    @Test
    void winprServer_claimingWindows7_isNamedAsAClaimThatTheEvidenceContradicts() throws IOException {
        String host = host(check(Quirks.winprServer()));
        assertTrue(host.contains(" · says NTLM version 6.1.7601, the value FreeRDP/WinPR-based"
                + " servers send whatever they run on; not Windows Server 2008 R2 SP1 or Windows 7 SP1: it accepts TLS 1.3"), host);
        assertTrue(host.contains("its self-signed certificate for the computer's name is valid for 5 years"), host);
    }

    @Test
    void windowsServer2008R2_whoseEvidenceAgrees_isNamedWithTheWinprCaveat() throws IOException {
        CheckRun run = check(Quirks.windowsServer2008R2());
        List<Diagnosis> diagnoses = diagnostician.diagnose(run);
        String host = host(run);
        assertTrue(host.contains("says NTLM version 6.1.7601: Windows Server 2008 R2 SP1"
                + " or Windows 7 SP1, or a FreeRDP/WinPR-based server"), host);
        assertEquals("tls.legacy-only", diagnoses.get(0).id(), Scenarios.ids(diagnoses).toString());
    }

    @Test
    void windowsServer2019_identityAgrees_namesTheRelease() throws IOException {
        String host = host(check(LabHosts.windowsServer2019Nla()));
        assertTrue(host.contains("says NTLM version 10.0.17763: Windows Server 2019 or Windows 10 1809 ·"), host);
    }

    /** The report's "host" fact: who the host says it is. */
    static String host(CheckRun run) {
        return rdpcheck.probes.report.Facts.of(run.target(), run.findings()).stream()
                .filter(f -> f.label().equals("host")).findFirst().orElseThrow().value();
    }

    @Test
    void wrongName_clientLines_mstscWarns_strictAndWebFail() throws IOException {
        Report report = Report.of(check(LabHosts.wrongName()), diagnostician);
        Map<ClientGroup, ClientOutcome> byGroup = new java.util.EnumMap<>(ClientGroup.class);
        report.clients().forEach(c -> byGroup.put(c.group(), c));
        assertEquals(ClientImpact.WARNS, byGroup.get(ClientGroup.MSTSC).impact());
        assertEquals(ClientImpact.FAILS, byGroup.get(ClientGroup.MSTSC_STRICT).impact());
        assertEquals(ClientImpact.FAILS, byGroup.get(ClientGroup.WEB).impact());
        assertTrue(byGroup.get(ClientGroup.MSTSC_STRICT).because().contains("cert.name-mismatch"), byGroup.toString());
        assertEquals("cert.name-mismatch", report.diagnoses().get(0).id(), Scenarios.ids(report.diagnoses()).toString());
    }
}
