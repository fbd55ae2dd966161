package rdpcheck.probes.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Target;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.Misbehaviours;

/** The tcp probe's samples connect side by side; the first sample still tells the state. */
class TcpSamplesTest {

    private static TcpResult.AddressAttempt probe(Target target) {
        ProbeRunner runner = new ProbeRunner(List.of(new DnsProbe(), new TcpProbe()));
        return runner.run(target, ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5))).findings()
                .result(TcpProbe.ID).orElseThrow().attempts().get(0);
    }

    @Test
    void tcp_listeningHost_everySampleConnectsAndIsTimed() throws Exception {
        int before = Connection.openCount();
        try (LabHost host = LabHost.start("samples", Misbehaviours.hangUp())) {
            TcpResult.AddressAttempt attempt = probe(host.target());
            assertEquals(TcpState.CONNECTED, attempt.state());
            assertEquals(ProbeOptions.defaults().tcpSamples(), attempt.connectMillis().size());
            assertTrue(attempt.rttMillis().isPresent());
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (host.connectionsAccepted() < ProbeOptions.defaults().tcpSamples() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(ProbeOptions.defaults().tcpSamples(), host.connectionsAccepted());
        }
        assertEquals(before, Connection.openCount(), "every sample closed its socket");
    }

    @Test
    void tcp_closedPort_refusedWithoutTimes() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        TcpResult.AddressAttempt attempt = probe(new Target("127.0.0.1", port, "127.0.0.1:" + port));
        assertEquals(TcpState.REFUSED, attempt.state());
        assertEquals(List.of(), attempt.connectMillis());
        assertTrue(attempt.detail().contains("refused"), attempt.detail());
    }
}
