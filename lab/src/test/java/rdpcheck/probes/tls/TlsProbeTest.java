package rdpcheck.probes.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.cert.CertificateProbe;
import rdpcheck.lab.AfterConfirm;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabCheck;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.RdpLabHandler;
import rdpcheck.lab.WindowsPolicy;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.NegotiationProbe;

/** The real tls and certificate probes (after dns, tcp, negotiation) over loopback against lab hosts. */
class TlsProbeTest {

    private static final ProbeOptions FAST = ProbeOptions.defaults()
            .withDeadline(Duration.ofSeconds(6))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(800));

    private final ProbeRunner runner = Probes.standardRunner();
    @RegisterExtension
    final LabCheck lab = new LabCheck(runner, FAST);

    private CheckRun check(ConnectionHandler handler) throws IOException {
        return lab.run(handler);
    }

    private static TlsResult tls(CheckRun run) {
        return run.findings().result(TlsProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
    }

    private static CertificateResult certificate(CheckRun run) {
        return run.findings().result(CertificateProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
    }

    @Test
    void healthy_everyVersionAccepted_certificateHasNoProblem() throws IOException {
        CheckRun run = check(LabHosts.healthyTls());
        TlsResult tls = tls(run);
        assertEquals(List.of(TlsVersion.values()), tls.acceptedVersions(), tls.describe().toString());
        assertEquals(Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits() | Protocol.PROTOCOL_HYBRID_EX.bits(),
                tls.requestedProtocols(), "what mstsc asks for");
        assertEquals(java.util.Optional.of(TlsVersion.TLS_1_3), tls.chainVersion());
        assertEquals(2, tls.chain().size(), "leaf and lab CA");
        assertFalse(tls.legacyOnly());
        assertTrue(tls.legacyAccepted());
        assertTrue(tls.attempt(TlsVersion.TLS_1_2).orElseThrow().cipherSuite().orElseThrow().startsWith("TLS_ECDHE_RSA_"));

        CertificateResult cert = certificate(run);
        assertTrue(cert.nameMatches(), cert.name().describe());
        assertEquals(java.util.Optional.of("SAN IP 127.0.0.1"), cert.name().matchedBy());
        assertFalse(cert.expired() || cert.notYetValid() || cert.expiringSoon() || cert.selfSigned() || cert.weakKey()
                || cert.weakSignature() || cert.missingServerAuth());
        assertTrue(cert.chainOrdered());
    }

    @Test
    void healthy_byDnsName_matchesSanDns() throws IOException {
        LabHost host = lab.start(LabHosts.healthyTls());
        Target byName = new Target("lab.rdpcheck.test", host.port(), "lab.rdpcheck.test:" + host.port());
        CertificateResult cert = certificate(runner.run(byName, FAST));
        assertTrue(cert.nameMatches());
        assertEquals(java.util.Optional.of("SAN DNS lab.rdpcheck.test"), cert.name().matchedBy());
    }

    @Test
    void expiredSelfSigned_reportsExpired30DaysAndSelfSigned() throws IOException {
        CertificateResult cert = certificate(check(LabHosts.expiredSelfSigned()));
        assertTrue(cert.expired());
        assertTrue(cert.daysPastExpiry() == 30 || cert.daysPastExpiry() == 29, String.valueOf(cert.daysPastExpiry()));
        assertTrue(cert.selfSigned());
        assertTrue(cert.nameMatches());
    }

    @Test
    void notYetValid_reportsDaysUntilValid() throws IOException {
        CertificateResult cert = certificate(check(LabHosts.notYetValid()));
        assertTrue(cert.notYetValid());
        assertFalse(cert.expired());
        assertTrue(cert.daysUntilValid() == 9 || cert.daysUntilValid() == 10, String.valueOf(cert.daysUntilValid()));
    }

    @Test
    void wrongName_reportsMismatchWithPresentedNames() throws IOException {
        CertificateResult cert = certificate(check(LabHosts.wrongName()));
        assertFalse(cert.nameMatches());
        assertTrue(cert.name().targetIsIp());
        assertFalse(cert.selfSigned());
    }

    @Test
    void weakKey_reports1024BitRsa() throws IOException {
        CertificateResult cert = certificate(check(LabHosts.weakKey()));
        assertTrue(cert.weakKey());
        assertEquals(1024, cert.leaf().keyBits());
    }

    @Test
    void sha1Signature_reportsWeakSignature() throws IOException {
        CertificateResult cert = certificate(check(LabHosts.sha1Signature()));
        assertTrue(cert.weakSignature());
        assertEquals("SHA-1", cert.leaf().signatureHash());
    }

    @Test
    void noServerAuth_reportsMissingServerAuth() throws IOException {
        CertificateResult cert = certificate(check(LabHosts.noServerAuth()));
        assertTrue(cert.missingServerAuth());
        assertEquals(List.of("clientAuth"), cert.leaf().extendedKeyUsages());
    }

    @Test
    void tls10Only_acceptsOnlyTls10_othersRefusedWithAlert() throws IOException {
        TlsResult tls = tls(check(LabHosts.tls10Only()));
        assertEquals(List.of(TlsVersion.TLS_1_0), tls.acceptedVersions());
        assertTrue(tls.legacyOnly());
        assertEquals(List.of(TlsVersion.TLS_1_1, TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), tls.refusedVersions());
        // a server answers a newer ClientHello with its own older version, rather than with an alert
        TlsOutcome.Refused tls12 = assertInstanceOf(TlsOutcome.Refused.class,
                tls.attempt(TlsVersion.TLS_1_2).orElseThrow().outcome());
        assertEquals(TlsFailure.Kind.OTHER_VERSION, tls12.failure().kind(), tls.describe().toString());
        assertTrue(tls12.failure().detail().endsWith("answered with TLS 1.0"), tls12.failure().detail());
        // a TLS 1.3-only ClientHello leaves no common version: the server says so with an alert
        assertEquals(java.util.Optional.of("protocol_version"), tls.attempt(TlsVersion.TLS_1_3).orElseThrow().alertReceived(),
                tls.describe().toString());
        assertTrue(tls.attempt(TlsVersion.TLS_1_0).orElseThrow().cipherSuite().orElseThrow().endsWith("_CBC_SHA"));
    }

    @Test
    void nlaRequired_tlsOverHybridRequest() throws IOException {
        CheckRun run = check(LabHosts.nlaRequiredWithTls());
        TlsResult tls = tls(run);
        assertEquals(Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits() | Protocol.PROTOCOL_HYBRID_EX.bits(),
                tls.requestedProtocols(), "what mstsc asks for");
        assertTrue(tls.handshakeSucceeded());
        assertTrue(certificate(run).selfSigned());
        assertEquals(java.util.Optional.of("RDPLAB-NLA"), certificate(run).leaf().commonName());
    }

    @Test
    void withoutNegotiationProbe_tlsStillRunsOnItsOwnX224Request() throws IOException {
        // tls needs only tcp: it starts without waiting for the negotiation's round trips
        ProbeRunner withoutNegotiation = new ProbeRunner(Probes.standard().stream()
                .filter(probe -> probe.id() != NegotiationProbe.ID).toList());
        CheckRun run = withoutNegotiation.run(lab.start(LabHosts.windowsServer2019Nla()).target(), FAST);
        assertTrue(tls(run).handshakeSucceeded(), run.findings().toString());
        assertTrue(run.findings().result(rdpcheck.probes.nla.CredSspProbe.ID).isPresent(), run.findings().toString());
    }

    @Test
    void rdpOnly_skipsTlsAndCertificateWithReason() throws IOException {
        CheckRun run = check(LabHosts.rdpOnly());
        ProbeOutcome.Skipped skipped = assertInstanceOf(ProbeOutcome.Skipped.class,
                run.findings().outcome(TlsProbe.ID).orElseThrow());
        assertTrue(skipped.reason().contains("Standard RDP Security"), skipped.reason());
        assertInstanceOf(ProbeOutcome.Skipped.class, run.findings().outcome(CertificateProbe.ID).orElseThrow());
    }

    @Test
    void certificateMissing_skipsTlsNamingSslCertNotOnServer() throws IOException {
        CheckRun run = check(LabHosts.certificateMissing());
        ProbeOutcome.Skipped skipped = assertInstanceOf(ProbeOutcome.Skipped.class,
                run.findings().outcome(TlsProbe.ID).orElseThrow());
        assertTrue(skipped.reason().contains("SSL_CERT_NOT_ON_SERVER"), skipped.reason());
    }

    @Test
    void keyMismatch_everyHandshakeFails_certificateStillAnalysed() throws IOException {
        CheckRun run = check(LabHosts.keyMismatch());
        TlsResult tls = tls(run);
        assertTrue(tls.handshakeFailed(), tls.describe().toString());
        assertTrue(tls.chainVersion().isPresent(), "the chain arrived before the handshake broke");
        for (TlsAttempt attempt : tls.attempts()) {
            assertInstanceOf(TlsOutcome.Refused.class, attempt.outcome(), attempt.describe());
        }
        CertificateResult cert = certificate(run);
        assertTrue(cert.nameMatches());
        assertFalse(cert.expired());
    }

    @Test
    void preVista_skipsTlsNamingTheLegacyServer() throws IOException {
        CheckRun run = check(LabHosts.preVista());
        ProbeOutcome.Skipped skipped = assertInstanceOf(ProbeOutcome.Skipped.class,
                run.findings().outcome(TlsProbe.ID).orElseThrow());
        assertTrue(skipped.reason().contains("pre-Vista"), skipped.reason());
    }

    @Test
    void garbageAfterConfirm_everyVersionRefusedAsNotTls_certificateSkipped() throws IOException {
        AfterConfirm garbage = (socket, request, selected) -> {
            socket.getInputStream().read(new byte[512]);
            OutputStream out = socket.getOutputStream();
            out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
        CheckRun run = check(new RdpLabHandler(WindowsPolicy.tlsRequired(), garbage));
        TlsResult tls = tls(run);
        assertTrue(tls.handshakeFailed());
        for (TlsAttempt attempt : tls.attempts()) {
            TlsOutcome.Refused refused = assertInstanceOf(TlsOutcome.Refused.class, attempt.outcome());
            assertEquals(TlsFailure.Kind.NOT_TLS, refused.failure().kind(), refused.failure().detail());
        }
        assertInstanceOf(ProbeOutcome.Skipped.class, run.findings().outcome(CertificateProbe.ID).orElseThrow());
    }

    @Test
    void resetMidHandshake_refusedAsClosed() throws IOException {
        AfterConfirm reset = (socket, request, selected) -> {
            socket.getInputStream().read(new byte[32]);
            socket.setSoLinger(true, 0);
            socket.close();
        };
        TlsResult tls = tls(check(new RdpLabHandler(WindowsPolicy.tlsRequired(), reset)));
        assertTrue(tls.handshakeFailed());
        for (TlsAttempt attempt : tls.attempts()) {
            TlsOutcome.Refused refused = assertInstanceOf(TlsOutcome.Refused.class, attempt.outcome());
            assertEquals(TlsFailure.Kind.CLOSED, refused.failure().kind(), refused.failure().detail());
        }
    }

    @Test
    void silentAfterConfirm_refusedAsTimedOut_withinReadTimeout() throws IOException {
        AfterConfirm silent = (socket, request, selected) -> {
            byte[] sink = new byte[4096];
            while (socket.getInputStream().read(sink) >= 0) {
                // swallow the ClientHello and say nothing
            }
        };
        long started = System.nanoTime();
        TlsResult tls = tls(check(new RdpLabHandler(WindowsPolicy.tlsRequired(), silent)));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 4000, "bounded by the read timeout");
        for (TlsAttempt attempt : tls.attempts()) {
            TlsOutcome.Refused refused = assertInstanceOf(TlsOutcome.Refused.class, attempt.outcome());
            assertEquals(TlsFailure.Kind.TIMED_OUT, refused.failure().kind(), refused.failure().detail());
        }
    }

    @Test
    void report_json_carriesTlsAndCertificateFindings() throws IOException {
        CheckRun run = check(LabHosts.expiredSelfSigned());
        String json = ReportJson.write(Report.of(run, new rdpcheck.probes.diagnosis.Diagnostician()), false);
        assertTrue(json.contains("\"expired\":true"), json);
        assertTrue(json.contains("\"acceptedVersions\":[\"TLS_1_0\",\"TLS_1_1\",\"TLS_1_2\",\"TLS_1_3\"]"), json);
        assertTrue(json.contains("\"sha1Thumbprint\":\"" + certificate(run).thumbprint() + "\""), json);
        assertTrue(json.contains("\"chainBase64\":[\""), json);
    }
}
