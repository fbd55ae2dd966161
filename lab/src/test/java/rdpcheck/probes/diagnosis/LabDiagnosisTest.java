package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.DelayRelay;
import rdpcheck.lab.Misbehaviours;
import rdpcheck.lab.CredSspServerStage;
import rdpcheck.lab.LabCertificate;
import rdpcheck.lab.LabCertificates;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.RdpLabHandler;
import rdpcheck.lab.TlsStage;
import rdpcheck.lab.WindowsPolicy;
import rdpcheck.probes.rdp.mcs.EncryptionLevel;
import rdpcheck.probes.tls.TlsVersion;

/** Every foundation rule on findings the real probes produce against simulated hosts on loopback. */
class LabDiagnosisTest {

    static final ProbeOptions FAST = ProbeOptions.defaults()
            .withDeadline(Duration.ofSeconds(5))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(700));

    private final Diagnostician diagnostician = new Diagnostician();

    /** Runs every standard probe against the host, typed as a user would: the name the lab certificates carry. */
    static CheckRun check(ConnectionHandler handler) throws IOException {
        return check(handler, FAST);
    }

    static CheckRun check(ConnectionHandler handler, ProbeOptions options) throws IOException {
        try (LabHost host = LabHost.start("diag", handler)) {
            Target target = new Target(LAB_NAME, host.port(), LAB_NAME + ":" + host.port());
            return Probes.standardRunner().run(target, options);
        }
    }

    static final String LAB_NAME = "lab.rdpcheck.test";

    /** A Windows-like listener that does TLS with {@code certificate} and then CredSSP as {@code credssp} says. */
    static ConnectionHandler windows(WindowsPolicy policy, LabCertificate certificate, CredSspServerStage credssp) {
        return new RdpLabHandler(policy, TlsStage.serving(certificate).then(credssp));
    }

    /** A Windows-like listener with {@code policy} that does TLS with {@code certificate} after the confirm. */
    static ConnectionHandler windows(WindowsPolicy policy, LabCertificate certificate) {
        return new RdpLabHandler(policy, TlsStage.serving(certificate));
    }

    static LabCertificate selfSigned(long fromDays, long untilDays) {
        return LabCertificates.builder(LAB_NAME).dns(LAB_NAME, "localhost").ip("127.0.0.1").validDays(fromDays, untilDays).build();
    }

    static Diagnosis find(List<Diagnosis> diagnoses, String id) {
        return diagnoses.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + Scenarios.ids(diagnoses)));
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
    void healthyHostBehind250msRoundTrip_isLatencyHighWithTheMeasuredRtt() throws IOException {
        // every probe connection goes through a SOCKS relay that holds each segment 125 ms each way and
        // answers a connect one round trip late, as a far network would: the rtt below is measured, not set
        List<Diagnosis> diagnoses;
        try (DelayRelay relay = new DelayRelay(250)) {
            relay.install();
            diagnoses = diagnose(check(LabHosts.healthy(), FAST.withDeadline(Duration.ofSeconds(8))));
        }
        Diagnosis latency = diagnoses.stream().filter(d -> d.id().equals("latency.high")).findFirst()
                .orElseThrow(() -> new AssertionError(Scenarios.ids(diagnoses)));
        assertEquals(Severity.WARNING, latency.severity());
        java.util.regex.Matcher rtt = java.util.regex.Pattern.compile("High latency: (\\d+) ms").matcher(latency.title());
        assertTrue(rtt.find(), latency.title());
        int millis = Integer.parseInt(rtt.group(1));
        assertTrue(millis >= 240 && millis < 1_000, latency.title());
        assertFalse(Scenarios.ids(diagnoses).contains("probe.timeout"), Scenarios.ids(diagnoses).toString());
    }

    @Test
    void serverThatAnswersThreeConnectionsAtATime_isDiagnosedAsIfCalm() throws IOException {
        // like xrdp (listen backlog 2) under the check's burst of connections: the legs it leaves silent
        // are tried again alone, so the diagnosis is the one the same server gets when it is not crowded
        // (three at a time: a closed connection leaves the lab's count a moment late)
        CheckRun crowded = check(Misbehaviours.crowded(3, LabHosts.windowsServer2019Nla()),
                FAST.withDeadline(Duration.ofSeconds(10)));
        CheckRun calm = check(LabHosts.windowsServer2019Nla());
        assertEquals(Scenarios.ids(diagnose(calm)), Scenarios.ids(diagnose(crowded)), crowded.findings().toString());
        assertTrue(crowded.findings().result(rdpcheck.probes.nla.CredSspProbe.ID).isPresent(),
                crowded.findings().toString());
    }

    @Test
    void healthyHostOnLoopback_isNotLatencyHigh() throws IOException {
        assertFalse(Scenarios.ids(diagnose(check(LabHosts.healthy()))).contains("latency.high"));
    }

    @Test
    void nlaRequired_withWorkingTls_isHealthyWithNlaAndSelfSignedInfo() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(windows(WindowsPolicy.requiringNla(), selfSigned(-30, 150), CredSspServerStage.windowsServer2019())));
        assertEquals(List.of("healthy", "cert.self-signed", "security.nla-required", "udp.unavailable"), Scenarios.ids(diagnoses));
        assertEquals(Severity.INFO, diagnoses.get(2).severity());
        assertTrue(diagnoses.get(2).evidence().stream().anyMatch(e -> e.contains("HYBRID_REQUIRED_BY_SERVER")),
                diagnoses.get(2).evidence().toString());
        assertTrue(diagnoses.get(0).explanation().contains("requires Network Level Authentication"));
    }

    @Test
    void nlaRequired_hangingUpAfterTheConfirm_reportsTlsHandshakeFailedFirst() throws IOException {
        CheckRun run = check(LabHosts.nlaRequired());
        List<Diagnosis> diagnoses = diagnose(run);
        assertEquals(List.of("tls.handshake-failed", "security.nla-required", "udp.unavailable"), Scenarios.ids(diagnoses));
        String verdict = diagnostician.verdict(run, diagnoses);
        // whether the codes fit in the verdict depends on the length of the server's failure in words
        assertTrue(verdict.contains("TLS handshake fails") && verdict.contains("the server hung up (FIN) on the ClientHello"), verdict);
        assertTrue(diagnoses.get(0).explains().stream().anyMatch(e -> e.contains("0x904")), diagnoses.get(0).explains().toString());
        assertTrue(verdict.length() <= Diagnostician.VERDICT_MAX, verdict);
    }

    @Test
    void negotiate_reportsNlaNotEnforced() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(windows(WindowsPolicy.negotiate(), selfSigned(-30, 150), CredSspServerStage.windowsServer2019())));
        // Negotiate without NLA: both CredSSP and TLS are optional, each its own hardening finding
        assertEquals(List.of("cert.self-signed", "security.nla-not-enforced", "security.tls-not-enforced", "udp.unavailable"), Scenarios.ids(diagnoses));
        Diagnosis nla = find(diagnoses, "security.nla-not-enforced");
        assertTrue(nla.title().contains("not required"));
        assertTrue(nla.explanation().contains("TLS alone or Standard RDP Security"));
    }

    @Test
    void tlsRequiredWithoutNla_reportsNlaNotEnforcedWithTlsOnly() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(windows(WindowsPolicy.tlsRequired(), selfSigned(-30, 150), CredSspServerStage.windowsServer2019())));
        assertEquals(List.of("cert.self-signed", "security.nla-not-enforced", "udp.unavailable"), Scenarios.ids(diagnoses));
        Diagnosis nla = find(diagnoses, "security.nla-not-enforced");
        assertTrue(nla.explanation().contains("with TLS alone,"), nla.explanation());
    }

    @Test
    void rdpOnly_reportsSslNotAllowed() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.rdpOnly()));
        assertEquals(List.of("security.ssl-not-allowed", "udp.unavailable"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).explanation().contains("SSL_NOT_ALLOWED_BY_SERVER"));
    }

    @Test
    void preVista_reportsLegacyServerOnly() throws IOException {
        assertEquals(List.of("rdp.legacy-server", "udp.unavailable"), Scenarios.ids(diagnose(check(LabHosts.preVista()))));
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

    @Test
    void expiredSelfSigned_tlsRequired_expiredLeadsAndExplains0x904() throws IOException {
        CheckRun run = check(windows(WindowsPolicy.tlsRequired(), selfSigned(-210, -30), CredSspServerStage.windowsServer2019()));
        List<Diagnosis> diagnoses = diagnose(run);
        assertEquals(List.of("cert.expired", "cert.self-signed", "security.nla-not-enforced", "udp.unavailable"), Scenarios.ids(diagnoses));
        Diagnosis expired = diagnoses.get(0);
        assertEquals(Severity.CRITICAL, expired.severity());
        assertTrue(expired.title().contains("(30 days ago)"), expired.title());
        assertTrue(expired.evidence().get(0).contains("self-signed") && expired.evidence().get(0).contains("expired 30 days before the check"),
                expired.evidence().get(0));
        assertTrue(expired.fix().get(0).command().contains("Remove-Item 'Cert:\\LocalMachine\\Remote Desktop\\"), expired.fix().get(0).command());
        assertEquals(Severity.INFO, diagnoses.get(1).severity());
        String verdict = diagnostician.verdict(run, diagnoses);
        assertTrue(verdict.contains("expired on") && verdict.contains("30 days ago — this explains mstsc 0x904 / extended 0x7"), verdict);
    }

    /** A certificate ending at {@link #CERT_END}, checked with the probes' clock set to {@code now}. */
    private CheckRun checkCertificateEndingAt(Instant now) throws IOException {
        LabCertificate certificate = LabCertificates.builder(LAB_NAME).dns(LAB_NAME, "localhost").ip("127.0.0.1")
                .validity(CERT_END.minus(Duration.ofDays(200)), CERT_END).build();
        return check(windows(WindowsPolicy.tlsRequired(), certificate), FAST.withClock(Clock.fixed(now, ZoneOffset.UTC)));
    }

    static final Instant CERT_END = Instant.parse("2026-11-24T09:00:00Z");


    @Test
    void expiredThreeHoursAgo_titleVerdictAndEvidenceSayHoursNotZeroDays() throws IOException {
        CheckRun run = checkCertificateEndingAt(CERT_END.plus(Duration.ofHours(3)).plusSeconds(20));
        List<Diagnosis> diagnoses = diagnose(run);
        Diagnosis expired = find(diagnoses, "cert.expired");
        assertEquals("The RDP certificate expired on 2026-11-24 09:00 UTC (3 hours ago)", expired.title());
        assertTrue(expired.evidence().get(0).contains("expired 3 hours before the check"), expired.evidence().get(0));
        String verdict = diagnostician.verdict(run, diagnoses);
        assertTrue(verdict.contains("expired on 2026-11-24 09:00 UTC, 3 hours ago — this explains mstsc 0x904"), verdict);
        assertTrue(verdict.length() <= Diagnostician.VERDICT_MAX, verdict);
    }

    @Test
    void expiredFortyMinutesAgo_titleSaysMinutes() throws IOException {
        CheckRun run = checkCertificateEndingAt(CERT_END.plus(Duration.ofMinutes(40)));
        Diagnosis expired = find(diagnose(run), "cert.expired");
        assertEquals("The RDP certificate expired on 2026-11-24 09:00 UTC (40 minutes ago)", expired.title());
    }

    @Test
    void expiresInFiveHours_expiringSoonTitleAndEvidenceSayHours() throws IOException {
        CheckRun run = checkCertificateEndingAt(CERT_END.minus(Duration.ofHours(5)).minusSeconds(30));
        List<Diagnosis> diagnoses = diagnose(run);
        Diagnosis soon = find(diagnoses, "cert.expiring-soon");
        assertEquals("The RDP certificate expires in 5 hours (2026-11-24 09:00 UTC)", soon.title());
        assertTrue(soon.evidence().get(0).contains("valid for another 5 hours"), soon.evidence().get(0));
        assertTrue(diagnoses.stream().noneMatch(d -> d.id().equals("cert.expired")), Scenarios.ids(diagnoses).toString());
    }

    @Test
    void expiredSelfSigned_nlaRequired_expiredLeads_selfSignedAndNlaAreInfo() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(windows(WindowsPolicy.requiringNla(), selfSigned(-210, -30), CredSspServerStage.windowsServer2019())));
        assertEquals(List.of("cert.expired", "cert.self-signed", "security.nla-required", "udp.unavailable"), Scenarios.ids(diagnoses));
        assertEquals(List.of(Severity.CRITICAL, Severity.INFO, Severity.INFO, Severity.INFO), diagnoses.stream().map(Diagnosis::severity).toList());
    }

    @Test
    void expiringIn10Days_reportsExpiringSoon() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(windows(WindowsPolicy.requiringNla(), selfSigned(-300, 10), CredSspServerStage.windowsServer2019())));
        // no client notices an expiry 10 days away yet; Guacamole and the web client refuse the self-signed one today
        assertEquals(List.of("cert.self-signed", "cert.expiring-soon", "security.nla-required", "udp.unavailable"), Scenarios.ids(diagnoses));
        Diagnosis expiring = find(diagnoses, "cert.expiring-soon");
        assertTrue(expiring.title().startsWith("The RDP certificate expires in "), expiring.title());
    }

    @Test
    void credSspClosedAfterTls_reportsProbeFailedWithTheReason() throws IOException {
        // TLS works, then the server says nothing inside it: the credssp probe fails, the rest is still reported.
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.nlaRequiredWithTls()));
        Diagnosis failed = diagnoses.stream().filter(d -> d.id().equals("probe.failed")).findFirst().orElseThrow();
        assertTrue(failed.evidence().get(0).startsWith("credssp probe: "), failed.evidence().toString());
        assertTrue(Scenarios.ids(diagnoses).contains("security.nla-required"), Scenarios.ids(diagnoses).toString());
    }

    @Test
    void notYetValid_reportsNotYetValid() throws IOException {
        assertEquals("cert.not-yet-valid", diagnose(check(LabHosts.notYetValid())).get(0).id());
    }

    @Test
    void wrongName_reportsNameMismatchNamingBoth() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.wrongName()));
        Diagnosis mismatch = diagnoses.stream().filter(d -> d.id().equals("cert.name-mismatch")).findFirst().orElseThrow();
        assertTrue(mismatch.title().contains(LAB_NAME) && mismatch.title().contains("rdp99.other.example"), mismatch.title());
    }

    @Test
    void weakKey_reportsWeakKey() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.weakKey()));
        Diagnosis weak = diagnoses.stream().filter(d -> d.id().equals("cert.weak-key")).findFirst().orElseThrow();
        assertTrue(weak.title().contains("1024"), weak.title());
    }

    @Test
    void sha1Signature_reportsWeakSignature() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.sha1Signature()));
        Diagnosis weak = diagnoses.stream().filter(d -> d.id().equals("cert.weak-signature")).findFirst().orElseThrow();
        assertTrue(weak.title().contains("SHA-1") || weak.title().contains("SHA1"), weak.title());
    }

    @Test
    void clientAuthOnly_reportsMissingServerAuth() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.noServerAuth()));
        assertTrue(Scenarios.ids(diagnoses).contains("cert.missing-server-auth"), Scenarios.ids(diagnoses).toString());
    }

    @Test
    void tls10Only_reportsLegacyOnly() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.tls10Only()));
        Diagnosis legacy = diagnoses.stream().filter(d -> d.id().equals("tls.legacy-only")).findFirst().orElseThrow();
        assertTrue(legacy.title().contains("TLS 1.0"), legacy.title());
    }

    @Test
    void rdpOnlyLowLevel_reportsWeakEncryptionAfterSslNotAllowed() throws IOException {
        List<Diagnosis> diagnoses = diagnose(check(LabHosts.rdpOnly(EncryptionLevel.LOW)));
        assertEquals(List.of("security.ssl-not-allowed", "security.weak-encryption", "udp.unavailable"), Scenarios.ids(diagnoses));
    }

    @Test
    void xrdpLikeRdpOnly128Bit_reportsNoWeakEncryption() throws IOException {
        assertEquals(List.of("security.ssl-not-allowed", "udp.unavailable"), Scenarios.ids(diagnose(check(LabHosts.xrdpRdpOnly()))));
    }

    @Test
    void windows2019WithNla_healthyVerdict_andTheFactsNameTheHost() throws IOException {
        // Server 2019 has no TLS 1.3: with it, the NTLM version's claim would not be believed
        CheckRun run = check(new RdpLabHandler(WindowsPolicy.requiringNla(), TlsStage.serving(selfSigned(-30, 150))
                .onlyVersions(java.util.EnumSet.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2))
                .then(CredSspServerStage.windowsServer2019())));
        List<Diagnosis> diagnoses = diagnose(run);
        assertEquals(List.of("healthy", "cert.self-signed", "security.nla-required", "udp.unavailable"), Scenarios.ids(diagnoses));
        String verdict = diagnostician.verdict(run, diagnoses);
        assertTrue(verdict.contains("no problem found from here"), verdict);
        String host = rdpcheck.probes.report.Facts.of(run.target(), run.findings()).stream()
                .filter(f -> f.label().equals("host")).findFirst().orElseThrow().value();
        assertTrue(host.startsWith("RDP01 (CORP)") && host.contains("says NTLM version 10.0.17763: Windows Server 2019 or Windows 10 1809"), host);
    }

    @Test
    void credSspUnpatched_reportsUpdateMissing() throws IOException {
        CheckRun run = check(windows(WindowsPolicy.requiringNla(), selfSigned(-30, 150),
                CredSspServerStage.windowsServer2019().withCredSspVersion(3)));
        List<Diagnosis> diagnoses = diagnose(run);
        assertEquals(List.of("credssp.update-missing", "cert.self-signed", "security.nla-required", "udp.unavailable"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).title().contains("TSRequest version 3"), diagnoses.get(0).title());
        assertTrue(diagnoses.get(0).explains().get(0).contains("CredSSP encryption oracle remediation"));
        assertTrue(diagnoses.get(0).fix().stream().anyMatch(f -> f.command().contains("AllowEncryptionOracle")));
    }

    @Test
    void clockSevenMinutesAhead_reportsClockSkew() throws IOException {
        CheckRun run = check(windows(WindowsPolicy.requiringNla(), selfSigned(-30, 150),
                CredSspServerStage.windowsServer2019().withClockOffset(Duration.ofMinutes(7))));
        List<Diagnosis> diagnoses = diagnose(run);
        assertEquals("nla.clock-skew", diagnoses.get(0).id());
        assertTrue(diagnoses.get(0).title().startsWith("Server clock off by 7 min"), diagnoses.get(0).title());
        assertTrue(diagnoses.get(0).explanation().contains("the server is ahead of our clock"));
    }

    @Test
    void clockOneMinuteBehind_isNoDiagnosis() throws IOException {
        CheckRun run = check(windows(WindowsPolicy.requiringNla(), selfSigned(-30, 150),
                CredSspServerStage.windowsServer2019().withClockOffset(Duration.ofMinutes(-1))));
        assertEquals(List.of("healthy", "cert.self-signed", "security.nla-required", "udp.unavailable"), Scenarios.ids(diagnose(run)));
    }

    @Test
    void tpktFramedGarbage_reportsMalformed() throws IOException {
        // A TPKT header announcing 11 bytes around an X.224 TPDU that is not a Connection Confirm (code 0xF0: data).
        byte[] reply = {0x03, 0x00, 0x00, 0x0b, 0x06, (byte) 0xf0, 0x00, 0x00, 0x00, 0x00, 0x00};
        List<Diagnosis> diagnoses = diagnose(check(Misbehaviours.replies(reply)));
        assertEquals(List.of("rdp.malformed"), Scenarios.ids(diagnoses));
        assertTrue(diagnoses.get(0).evidence().get(0).contains("malformed Connection Confirm"), diagnoses.get(0).evidence().toString());
    }

    @Test
    void dualStackName_ipv6Refused_ipv4Listening_reportsSomeAddressesFailing() throws IOException {
        // test-hosts maps dual.rdpcheck.test to ::1 and 127.0.0.1; only 127.0.0.1 listens on the port.
        try (LabHost host = LabHost.start("diag", windows(WindowsPolicy.requiringNla(), selfSigned(-30, 150),
                CredSspServerStage.windowsServer2019()))) {
            Target target = new Target("dual.rdpcheck.test", host.port(), "dual.rdpcheck.test:" + host.port());
            List<Diagnosis> diagnoses = diagnose(Probes.standardRunner().run(target, FAST));
            // the certificate does not name dual.rdpcheck.test: strict clients fail on that, every client only waits on ::1
            assertEquals(List.of("cert.name-mismatch", "cert.self-signed", "tcp.some-addresses-failing", "security.nla-required", "udp.unavailable"),
                    Scenarios.ids(diagnoses));
            Diagnosis failing = find(diagnoses, "tcp.some-addresses-failing");
            assertTrue(failing.title().contains("::1"), failing.title());
        }
    }
}
