package rdpcheck.probes.nla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.lab.AfterTls;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabCheck;
import rdpcheck.lab.CredSspServerStage;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.tls.TlsVersion;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.rdp.NegotiationProbe;

/** The credssp probe over loopback: X.224, TLS and the first CredSSP round against lab hosts. */
class CredSspProbeTest {

    private static final ProbeOptions FAST = ProbeOptions.defaults()
            .withDeadline(Duration.ofSeconds(8))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1500));

    private final ProbeRunner runner = new ProbeRunner(List.of(new DnsProbe(), new TcpProbe(), new NegotiationProbe(),
            new TlsProbe(CredSspProbe.firstRound()), new CredSspProbe()));
    @RegisterExtension
    final LabCheck lab = new LabCheck(runner, FAST);

    private ProbeOutcome outcome(ConnectionHandler handler, ProbeOptions options) throws IOException {
        CheckRun run = lab.run(handler, options);
        return run.findings().outcome(CredSspProbe.ID).orElseThrow();
    }

    private CredSspResult credssp(ConnectionHandler handler) throws IOException {
        ProbeOutcome outcome = outcome(handler, FAST);
        assertInstanceOf(ProbeOutcome.Completed.class, outcome, outcome.toString());
        return (CredSspResult) ((ProbeOutcome.Completed) outcome).result();
    }

    @Test
    void windowsServer2019_namesTheMachineItsReleaseAndAnUpdatedCredSsp() throws Exception {
        CredSspResult result = credssp(LabHosts.windowsServer2019Nla());

        HostIdentity identity = result.identity().orElseThrow();
        assertEquals(Optional.of("RDP01"), identity.nbComputerName());
        assertEquals(Optional.of("CORP"), identity.nbDomainName());
        assertEquals(Optional.of("rdp01.corp.example.com"), identity.dnsComputerName());
        assertEquals(Optional.of("corp.example.com"), identity.dnsDomainName());
        assertEquals(Optional.of("CORP"), identity.targetName());
        assertEquals("RDP01 (CORP)", identity.describe());
        assertEquals(Optional.of("10.0.17763"), result.osVersionNumber());
        assertEquals(Optional.of("Windows Server 2019"), result.windowsRelease().get().server());
        assertEquals(Optional.of("RDP01 (CORP), Windows Server 2019 or Windows 10 1809 (10.0.17763)"), result.hostSummary());
        assertEquals(6, result.credSspVersion());
        assertEquals(CredSspVersion.NONCE_BINDING, result.credSspUpdate());
        assertFalse(result.credSspUpdateMissing());
        assertEquals("PROTOCOL_HYBRID_EX", result.selectedProtocolName(), "mstsc's request offers HYBRID_EX, which Windows selects");
        assertTrue(result.negotiateFlagNames().contains("NTLMSSP_TARGET_TYPE_DOMAIN"));
        assertFalse(result.clockSkewOver(Duration.ofSeconds(30)), result.clockSkew().toString());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void unpatchedServer_answersVersion3_andTheUpdateIsMissing() throws Exception {
        CredSspResult result = credssp(LabHosts.credSspUnpatched());

        assertEquals(3, result.credSspVersion());
        assertTrue(result.credSspUpdateMissing());
        assertTrue(result.credSspUpdateExplained().contains("lacks the CVE-2018-0886"), result.credSspUpdateExplained());
        assertEquals(Optional.of("Windows Server 2012 R2"), result.windowsRelease().get().server());
    }

    @Test
    void serverClockTenMinutesAhead_isSkewAgainstTheOptionsClock() throws Exception {
        ConnectionHandler skewed = LabHosts.nlaRequiredWithTls(CredSspServerStage.windowsServer2019()
                .withClockOffset(Duration.ofMinutes(10)));
        // Our clock is real time: the server's is real time + 10 minutes.
        ProbeOutcome outcome = outcome(skewed, FAST);
        CredSspResult result = (CredSspResult) ((ProbeOutcome.Completed) outcome).result();

        assertTrue(result.clockSkewOver(CredSspResult.KERBEROS_MAX_SKEW));
        long skewSeconds = result.clockSkew().get().toSeconds();
        assertTrue(skewSeconds >= 595 && skewSeconds <= 605, "skew " + skewSeconds);
    }

    @Test
    void ourClockSevenMinutesAhead_isNegativeSkew() throws Exception {
        Clock ahead = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofMinutes(7));
        ProbeOutcome outcome = outcome(LabHosts.windowsServer2019Nla(), FAST.withClock(ahead));
        CredSspResult result = (CredSspResult) ((ProbeOutcome.Completed) outcome).result();

        long skewSeconds = result.clockSkew().get().toSeconds();
        assertTrue(skewSeconds <= -415 && skewSeconds >= -425, "skew " + skewSeconds);
        assertTrue(result.clockSkewOver(CredSspResult.KERBEROS_MAX_SKEW));
    }

    @Test
    void serverAnswersWithErrorCode_isNamedAndNoIdentity() throws Exception {
        CredSspResult result = credssp(LabHosts.nlaRequiredWithTls(
                CredSspServerStage.windowsServer2019().failingWith(0xC000006DL)));

        assertEquals(Optional.of(0xC000006DL), result.errorCode());
        assertEquals(Optional.of("STATUS_LOGON_FAILURE (0xc000006d)"), result.errorName());
        assertEquals(Optional.empty(), result.identity());
        assertEquals(Optional.empty(), result.hostSummary());
    }

    @Test
    void serverSilentInsideTls_failsWithinTheReadTimeout() throws Exception {
        ProbeOutcome outcome = outcome(LabHosts.nlaRequiredWithTls(AfterTls.DRAIN), FAST);

        assertInstanceOf(ProbeOutcome.Failed.class, outcome, outcome.toString());
        assertTrue(((ProbeOutcome.Failed) outcome).reason().startsWith("no TSRequest came back"), outcome.toString());
    }

    @Test
    void serverHangsUpInsideTls_failsSayingSo() throws Exception {
        ProbeOutcome outcome = outcome(LabHosts.nlaRequiredWithTls((in, out, request, selected) -> in.read(new byte[4096])), FAST);

        assertInstanceOf(ProbeOutcome.Failed.class, outcome, outcome.toString());
        assertTrue(((ProbeOutcome.Failed) outcome).reason().contains("closed the connection"), outcome.toString());
    }

    @Test
    void garbageInsteadOfTsRequest_failsWithTheFirstByte() throws Exception {
        AfterTls garbage = (in, out, request, selected) -> {
            in.read(new byte[4096]);
            out.write("HTTP/1.1 400\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            AfterTls.DRAIN.proceed(in, out, request, selected);
        };
        ProbeOutcome outcome = outcome(LabHosts.nlaRequiredWithTls(garbage), FAST);

        assertInstanceOf(ProbeOutcome.Failed.class, outcome, outcome.toString());
        assertTrue(((ProbeOutcome.Failed) outcome).reason().contains("0x48 is not a DER SEQUENCE"), outcome.toString());
    }

    @Test
    void tsRequestAnnouncingGigabytes_isRefusedUnread() throws Exception {
        AfterTls huge = (in, out, request, selected) -> {
            in.read(new byte[4096]);
            out.write(new byte[] {0x30, (byte) 0x84, 0x40, 0, 0, 0});
            out.flush();
            AfterTls.DRAIN.proceed(in, out, request, selected);
        };
        ProbeOutcome outcome = outcome(LabHosts.nlaRequiredWithTls(huge), FAST);

        assertTrue(((ProbeOutcome.Failed) outcome).reason().contains("more than the 65536"), outcome.toString());
    }

    @Test
    void rdpOnlyServer_isSkippedWithTheRootReasonOnce() throws Exception {
        ProbeOutcome outcome = outcome(LabHosts.rdpOnly(), FAST);

        assertInstanceOf(ProbeOutcome.Skipped.class, outcome);
        assertEquals("the server allows Standard RDP Security only (SSL_NOT_ALLOWED_BY_SERVER):"
                + " no TLS to look at", ((ProbeOutcome.Skipped) outcome).reason());
    }

    @Test
    void tlsServerWithoutCredSsp_isSkippedNamingWhatItSelected() throws Exception {
        ProbeOutcome outcome = outcome(LabHosts.xrdpTls(), FAST);

        assertInstanceOf(ProbeOutcome.Skipped.class, outcome);
        assertEquals("the server does not offer CredSSP (NLA): offered TLS and CredSSP, it selected PROTOCOL_SSL (0x1)",
                ((ProbeOutcome.Skipped) outcome).reason());
    }

    /** The Windows Server 2019 stage, counting the connections on which the client started CredSSP. */
    private static AfterTls counting(AtomicInteger rounds) {
        AfterTls windows = CredSspServerStage.windowsServer2019();
        return (in, out, request, selectedProtocol) -> {
            PushbackInputStream peek = new PushbackInputStream(in, 1);
            int first = peek.read();
            if (first < 0) {
                return;
            }
            rounds.incrementAndGet();
            peek.unread(first);
            windows.proceed(peek, out, request, selectedProtocol);
        };
    }

    @Test
    void serverWithTls13_oneCredSspRound_onTheTls13Connection() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CredSspResult result = credssp(LabHosts.nlaRequiredWithTls(counting(rounds)));
        assertEquals("TLS 1.3", result.tlsVersion());
        assertEquals(1, rounds.get(), "older versions' connections do not repeat the round");
    }

    @Test
    void serverUpToTls12_oneCredSspRound_onTheTls12Connection() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CredSspResult result = credssp(LabHosts.nlaRequiredWithTls(counting(rounds),
                EnumSet.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2)));
        assertEquals("TLS 1.2", result.tlsVersion());
        assertEquals(Optional.of("RDP01 (CORP)"), result.identity().map(HostIdentity::describe));
        assertEquals(1, rounds.get(), "TLS 1.0 and 1.1 wait for 1.2's handshake and leave the round to it");
    }

    @Test
    void credSsp_opensNoConnectionOfItsOwn_itsRoundRidesOnTheTlsProbesConnections() throws Exception {
        ProbeRunner withoutCredSsp = new ProbeRunner(List.of(new DnsProbe(), new TcpProbe(), new NegotiationProbe(),
                new TlsProbe()));
        LabHost host = lab.start(LabHosts.windowsServer2019Nla());
        withoutCredSsp.run(host.target(), FAST);
        int handshakesOnly = host.connectionsAccepted();
        CheckRun run = runner.run(host.target(), FAST);
        assertInstanceOf(ProbeOutcome.Completed.class, run.findings().outcome(CredSspProbe.ID).orElseThrow());
        assertEquals(handshakesOnly, host.connectionsAccepted() - handshakesOnly, "the same connections as without it");
    }
}
