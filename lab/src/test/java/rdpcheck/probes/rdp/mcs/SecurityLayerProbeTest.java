package rdpcheck.probes.rdp.mcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.lab.AfterConfirm;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabCheck;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.RdpLabHandler;
import rdpcheck.lab.WindowsPolicy;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.rdp.Tpkt;

/** The security-layer probe over loopback against lab hosts with each encryption level, and broken ones. */
class SecurityLayerProbeTest {

    private static final ProbeOptions FAST = ProbeOptions.defaults()
            .withDeadline(Duration.ofSeconds(5))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(700));

    private final ProbeRunner runner = new ProbeRunner(
            List.of(new DnsProbe(), new TcpProbe(), new NegotiationProbe(), new SecurityLayerProbe()));
    @RegisterExtension
    final LabCheck lab = new LabCheck(runner, FAST);

    private ProbeOutcome outcome(ConnectionHandler handler) throws IOException {
        CheckRun run = lab.run(handler);
        return run.findings().outcome(SecurityLayerProbe.ID).orElseThrow();
    }

    private SecurityLayerResult enumerate(ConnectionHandler handler) throws IOException {
        ProbeOutcome outcome = outcome(handler);
        assertInstanceOf(ProbeOutcome.Completed.class, outcome, outcome.toString());
        return (SecurityLayerResult) ((ProbeOutcome.Completed) outcome).result();
    }

    @Test
    void clientCompatible_acceptsEveryMethodAndIsWeak() throws Exception {
        SecurityLayerResult result = enumerate(LabHosts.rdpOnly(EncryptionLevel.CLIENT_COMPATIBLE));

        assertEquals(List.of(EncryptionMethod.BIT_40, EncryptionMethod.BIT_56, EncryptionMethod.BIT_128, EncryptionMethod.FIPS),
                result.acceptedMethods());
        assertEquals(Optional.of(EncryptionMethod.BIT_40), result.weakestAccepted());
        assertEquals(Optional.of(EncryptionLevel.CLIENT_COMPATIBLE), result.encryptionLevel());
        assertTrue(result.acceptsWeak());
        assertEquals("RDP 10.7", result.rdpVersion().get().name());
        assertEquals(Optional.of(2048), result.rsaKeyBits());
    }

    @Test
    void high_acceptsOnly128AndHangsUpOnTheRest() throws Exception {
        SecurityLayerResult result = enumerate(LabHosts.rdpOnly(EncryptionLevel.HIGH));

        assertEquals(List.of(EncryptionMethod.BIT_128), result.acceptedMethods());
        assertFalse(result.acceptsWeak());
        assertEquals(Optional.of(EncryptionLevel.HIGH), result.encryptionLevel());
        MethodReply forty = result.attempt(EncryptionMethod.BIT_40).get().reply();
        assertInstanceOf(MethodReply.Refused.class, forty, forty.describe());
    }

    @Test
    void low_isWeakEvenWhen128IsChosen() throws Exception {
        SecurityLayerResult result = enumerate(LabHosts.rdpOnly(EncryptionLevel.LOW));

        assertTrue(result.acceptsWeak());
        assertEquals(Optional.of(EncryptionLevel.LOW), result.encryptionLevel());
    }

    @Test
    void fips_acceptsOnlyFips() throws Exception {
        SecurityLayerResult result = enumerate(LabHosts.rdpOnly(EncryptionLevel.FIPS));

        assertEquals(List.of(EncryptionMethod.FIPS), result.acceptedMethods());
        assertFalse(result.acceptsWeak());
    }

    @Test
    void none_encryptsNothingAndAcceptsNoMethod() throws Exception {
        SecurityLayerResult result = enumerate(LabHosts.rdpOnly(EncryptionLevel.NONE));

        assertTrue(result.encryptsNothing());
        assertEquals(List.of(), result.acceptedMethods());
        assertEquals(Optional.of(EncryptionLevel.NONE), result.encryptionLevel());
    }

    @Test
    void xrdpLike_answers128ToEveryOffer_andOnly128CountsAsAccepted() throws Exception {
        SecurityLayerResult result = enumerate(LabHosts.xrdpRdpOnly());

        assertEquals(List.of(EncryptionMethod.BIT_128), result.acceptedMethods());
        MethodAttempt forty = result.attempt(EncryptionMethod.BIT_40).get();
        assertTrue(forty.answeredWithOtherMethod());
        assertTrue(forty.describe().contains("not the method offered"), forty.describe());
        assertEquals("RDP 5.x, 6.x, 7.x or 8.x", result.rdpVersion().get().name());
    }

    @Test
    void nlaRequired_isSkippedNamingTheRefusal() throws Exception {
        ProbeOutcome outcome = outcome(LabHosts.nlaRequired());
        assertInstanceOf(ProbeOutcome.Skipped.class, outcome);
        assertEquals("the server does not accept Standard RDP Security: asked for it, it answered RDP_NEG_FAILURE "
                + "HYBRID_REQUIRED_BY_SERVER: the server requires CredSSP (Network Level Authentication)",
                ((ProbeOutcome.Skipped) outcome).reason());
    }

    @Test
    void garbageInsteadOfConnectResponse_isMalformedWithPreview() throws Exception {
        AfterConfirm garbage = (socket, request, selected) -> {
            readConnectInitial(socket);
            OutputStream out = socket.getOutputStream();
            out.write(Tpkt.wrap(new byte[] {2, (byte) 0xf0, (byte) 0x80, 0x30, 0x03, 1, 2, 3}));
            out.flush();
        };
        SecurityLayerResult result = enumerate(new RdpLabHandler(WindowsPolicy.rdpOnly(), garbage));

        MethodReply reply = result.attempt(EncryptionMethod.BIT_128).get().reply();
        assertInstanceOf(MethodReply.Malformed.class, reply, reply.describe());
        assertTrue(reply.describe().contains("0300000c02f080"), reply.describe());
        assertTrue(result.noAnswer());
    }

    @Test
    void connectionEndsInsideTheResponse_isMalformedNotRefused() throws Exception {
        AfterConfirm half = (socket, request, selected) -> {
            readConnectInitial(socket);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {3, 0, 0x01, 0x00, 2, (byte) 0xf0, (byte) 0x80, 0x7f, 0x66});
            out.flush();
        };
        SecurityLayerResult result = enumerate(new RdpLabHandler(WindowsPolicy.rdpOnly(), half));

        MethodReply reply = result.attempt(EncryptionMethod.BIT_128).get().reply();
        assertInstanceOf(MethodReply.Malformed.class, reply, reply.describe());
        assertTrue(reply.describe().contains("ended inside"), reply.describe());
    }

    @Test
    void notTpktAfterTheConfirm_isMalformed() throws Exception {
        AfterConfirm http = (socket, request, selected) -> {
            readConnectInitial(socket);
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        };
        SecurityLayerResult result = enumerate(new RdpLabHandler(WindowsPolicy.rdpOnly(), http));

        MethodReply reply = result.attempt(EncryptionMethod.BIT_40).get().reply();
        assertInstanceOf(MethodReply.Malformed.class, reply, reply.describe());
    }

    @Test
    void silentAfterTheConfirm_isSilentWithinTheReadTimeout() throws Exception {
        AfterConfirm silent = (socket, request, selected) -> {
            byte[] sink = new byte[4096];
            while (socket.getInputStream().read(sink) >= 0) {
                // take the Connect-Initial and never answer
            }
        };
        long started = System.nanoTime();

        SecurityLayerResult result = enumerate(new RdpLabHandler(WindowsPolicy.rdpOnly(), silent));

        assertInstanceOf(MethodReply.Silent.class, result.attempt(EncryptionMethod.FIPS).get().reply());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 4_000, "the four legs run side by side");
    }

    @Test
    void hugeTpktAfterTheConfirm_isRefusedBeforeReadingIt() throws Exception {
        AfterConfirm huge = (socket, request, selected) -> {
            readConnectInitial(socket);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {3, 0, (byte) 0xff, (byte) 0xff, 2, (byte) 0xf0, (byte) 0x80});
            out.write(new byte[1000]);
            out.flush();
        };
        SecurityLayerResult result = enumerate(new RdpLabHandler(WindowsPolicy.rdpOnly(), huge));

        MethodReply reply = result.attempt(EncryptionMethod.BIT_56).get().reply();
        assertInstanceOf(MethodReply.Malformed.class, reply, reply.describe());
        assertTrue(reply.describe().contains("more than the 16384"), reply.describe());
    }

    private static void readConnectInitial(java.net.Socket socket) throws IOException {
        try {
            Tpkt.read(socket.getInputStream(), Tpkt.MAX_LENGTH);
        } catch (rdpcheck.probes.rdp.MalformedPduException e) {
            throw new IOException(e);
        }
    }
}
