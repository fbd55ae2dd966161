package rdpcheck.probes.rdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Target;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabCheck;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.Misbehaviours;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.net.TcpState;

/** The real dns, tcp and negotiation probes over loopback against simulated hosts. */
class NegotiationProbeTest {

    private static final ProbeOptions FAST = ProbeOptions.defaults()
            .withDeadline(Duration.ofSeconds(5))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(700));

    private final ProbeRunner runner = new ProbeRunner(List.of(new DnsProbe(), new TcpProbe(), new NegotiationProbe()));
    @RegisterExtension
    final LabCheck lab = new LabCheck(runner, FAST);

    private NegotiationResult negotiate(ConnectionHandler handler) throws IOException {
        CheckRun run = lab.run(handler);
        return run.findings().result(NegotiationProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
    }

    @Test
    void negotiate_nlaRequired_reportsHybridRequiredAndSelectsCredSsp() throws IOException {
        NegotiationResult result = negotiate(LabHosts.nlaRequired());
        assertTrue(result.nlaRequired());
        assertTrue(result.tlsRequired());
        assertTrue(result.nlaOffered());
        assertFalse(result.acceptsWithoutNla());
        NegotiationReply.Refused refused = assertInstanceOf(NegotiationReply.Refused.class, result.reply(0).orElseThrow());
        assertTrue(refused.is(FailureCode.HYBRID_REQUIRED_BY_SERVER));
        assertEquals(Protocol.PROTOCOL_HYBRID, ((NegotiationReply.Selected) result.reply(3).orElseThrow()).protocol().orElseThrow());
        assertEquals(Protocol.PROTOCOL_HYBRID_EX, ((NegotiationReply.Selected) result.reply(0x0b).orElseThrow()).protocol().orElseThrow());
        assertEquals(NegotiationResult.REQUESTED_SETS.size(), result.attempts().size());
    }

    @Test
    void negotiate_negotiateLayer_acceptsEverythingAndRequiresNothing() throws IOException {
        NegotiationResult result = negotiate(LabHosts.negotiate());
        assertTrue(result.accepts(Protocol.PROTOCOL_RDP));
        assertTrue(result.accepts(Protocol.PROTOCOL_SSL));
        assertTrue(result.accepts(Protocol.PROTOCOL_HYBRID));
        assertFalse(result.nlaRequired());
        assertFalse(result.tlsRequired());
        assertTrue(result.acceptsWithoutNla());
        assertEquals(1, result.tlsRequest().orElseThrow());
    }

    @Test
    void negotiate_tlsRequired_reportsSslRequiredForRdpOnlyClients() throws IOException {
        NegotiationResult result = negotiate(LabHosts.tlsRequired());
        assertTrue(result.tlsRequired());
        assertFalse(result.nlaRequired());
        assertTrue(result.refusedWith(FailureCode.SSL_REQUIRED_BY_SERVER));
    }

    @Test
    void negotiate_rdpOnly_reportsSslNotAllowed() throws IOException {
        NegotiationResult result = negotiate(LabHosts.rdpOnly());
        assertTrue(result.accepts(Protocol.PROTOCOL_RDP));
        assertFalse(result.accepts(Protocol.PROTOCOL_SSL));
        assertTrue(result.refusedWith(FailureCode.SSL_NOT_ALLOWED_BY_SERVER));
        assertTrue(result.tlsRequest().isEmpty());
    }

    @Test
    void negotiate_certificateMissing_reportsSslCertNotOnServer() throws IOException {
        NegotiationResult result = negotiate(LabHosts.certificateMissing());
        assertTrue(result.refusedWith(FailureCode.SSL_CERT_NOT_ON_SERVER));
        assertTrue(result.accepts(Protocol.PROTOCOL_RDP));
    }

    @Test
    void negotiate_preVistaServer_isLegacy() throws IOException {
        NegotiationResult result = negotiate(LabHosts.preVista());
        assertTrue(result.legacyServer());
        assertTrue(result.accepts(Protocol.PROTOCOL_RDP));
        assertTrue(result.all(r -> r instanceof NegotiationReply.NoNegotiationData));
    }

    @Test
    void negotiate_xrdpStyleServer_selectsTlsWhenCredSspRequested() throws IOException {
        // xrdp answers every request with RDP_NEG_RSP; a HYBRID request gets TLS. It must not read as "NLA offered".
        NegotiationResult result = negotiate(new rdpcheck.lab.RdpLabHandler(
                request -> ConnectionConfirm.encodeSelected((request.requestedProtocols().orElse(0) & 1), 0),
                rdpcheck.lab.AfterConfirm.HANG_UP));
        assertFalse(result.nlaOffered());
        assertFalse(result.nlaRequired());
        assertTrue(result.accepts(Protocol.PROTOCOL_SSL));
    }

    @Test
    void negotiate_httpServer_isNotRdpAndNamesIt() throws IOException {
        NegotiationResult result = negotiate(LabHosts.http());
        assertFalse(result.spokeRdp());
        NegotiationReply.NotRdp notRdp = assertInstanceOf(NegotiationReply.NotRdp.class, result.reply(0).orElseThrow());
        assertTrue(notRdp.looksLike().contains("HTTP"), notRdp.looksLike());
        assertTrue(notRdp.textPreview().startsWith("HTTP/1.1 400"));
    }

    @Test
    void negotiate_sshServer_isNotRdpAndNamesIt() throws IOException {
        NegotiationResult result = negotiate(LabHosts.ssh());
        NegotiationReply.NotRdp notRdp = assertInstanceOf(NegotiationReply.NotRdp.class, result.reply(1).orElseThrow());
        assertTrue(notRdp.looksLike().contains("SSH"), notRdp.looksLike());
    }

    @Test
    void negotiate_silentServer_isSilentWithinReadTimeout() throws IOException {
        long started = System.nanoTime();
        NegotiationResult result = negotiate(Misbehaviours.silent());
        assertTrue(result.all(r -> r instanceof NegotiationReply.Silent), result.toString());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(4).toNanos(), "legs wait side by side, not one after another");
    }

    @Test
    void negotiate_serverHangsUp_isClosedWithoutReply() throws IOException {
        NegotiationResult result = negotiate(Misbehaviours.hangUp());
        assertTrue(result.all(r -> r instanceof NegotiationReply.Closed), result.toString());
    }

    @Test
    void negotiate_tpktAnnouncingHugeLength_isMalformed() throws IOException {
        NegotiationResult result = negotiate(Misbehaviours.replies(new byte[] {3, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3}));
        NegotiationReply.Malformed malformed = assertInstanceOf(NegotiationReply.Malformed.class, result.reply(0).orElseThrow());
        assertTrue(malformed.problem().contains("65535"), malformed.problem());
    }

    @Test
    void negotiate_confirmCutShort_isMalformed() throws IOException {
        byte[] confirm = ConnectionConfirm.encodeSelected(1, 0);
        NegotiationResult result = negotiate(Misbehaviours.replies(java.util.Arrays.copyOf(confirm, 12)));
        assertInstanceOf(NegotiationReply.Malformed.class, result.reply(1).orElseThrow());
    }

    @Test
    void check_closedPort_reportsRefusedAndSkipsNegotiation() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CheckRun run = runner.run(new Target("127.0.0.1", port, "127.0.0.1:" + port), FAST);
        TcpResult tcp = run.findings().result(TcpProbe.ID).orElseThrow();
        assertTrue(tcp.all(TcpState.REFUSED));
        assertInstanceOf(ProbeOutcome.Skipped.class, run.findings().outcome(NegotiationProbe.ID).orElseThrow());
    }

    @Test
    void check_gateDeniesAddress_connectsNowhere() throws IOException {
        LabHost host = lab.start(LabHosts.negotiate());
        CheckRun run = runner.run(host.target(), FAST.withGate((address, port) -> java.util.Optional.of("not on the allow list")));
        TcpResult tcp = run.findings().result(TcpProbe.ID).orElseThrow();
        assertTrue(tcp.all(TcpState.DENIED_BY_POLICY));
        assertEquals(0, host.connectionsAccepted());
    }

    @Test
    void tcp_connectedHost_hasRoundTripSamples() throws IOException {
        CheckRun run = lab.run(LabHosts.negotiate());
        TcpResult.AddressAttempt attempt = run.findings().result(TcpProbe.ID).orElseThrow().firstConnectedAttempt().orElseThrow();
        assertEquals(FAST.tcpSamples(), attempt.connectMillis().size());
        assertTrue(attempt.rttMillis().orElseThrow() >= 0);
        assertTrue(attempt.jitterMillis().isPresent());
    }
}
