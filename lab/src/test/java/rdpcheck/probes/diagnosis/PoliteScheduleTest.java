package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.CountingFront;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsProbe;

/**
 * The check as a guest of the host: never more connections at once than the bound (counted by the
 * server), and servers that cannot take many at once (a short listen backlog, one TLS handshake at
 * a time) diagnosed as they are when calm.
 */
class PoliteScheduleTest {

    private final Diagnostician diagnostician = new Diagnostician();

    private static Target labName(int port) {
        return new Target(LabDiagnosisTest.LAB_NAME, port, LabDiagnosisTest.LAB_NAME + ":" + port);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void healthyHost_neverHoldsMoreConnectionsThanTheBound_countedByTheServer(int bound) throws IOException {
        int openBefore = Connection.openCount();
        try (LabHost host = LabHost.start("polite", LabHosts.healthy()); CountingFront front = CountingFront.before(host)) {
            CheckRun run = Probes.standardRunner().run(labName(front.target().port()),
                    LabDiagnosisTest.FAST.withDeadline(Duration.ofSeconds(10)).withMaxConnectionsPerHost(bound));
            List<String> ids = Scenarios.ids(diagnostician.diagnose(run));
            assertTrue(ids.contains("healthy"), ids + " " + run.findings());
            assertTrue(front.mostOpen() <= bound, "at most " + bound + " at once, the server saw " + front.mostOpen());
            assertTrue(front.accepted() > 0);
        }
        assertEquals(openBefore, Connection.openCount(), "every probe connection is closed");
    }

    @Test
    void xrdpLikeBacklogOfTwo_isDiagnosedAsIfCalm() throws IOException {
        assertDiagnosedAsIfCalm(LabHosts.healthy(), true);
    }

    @Test
    void oneTlsHandshakeAtATime_isDiagnosedAsIfCalm() throws IOException {
        CheckRun run = assertDiagnosedAsIfCalm(LabHosts.healthyOneTlsHandshakeAtATime(), false);
        TlsResult tls = run.findings().result(TlsProbe.ID).orElseThrow();
        assertEquals(4, tls.acceptedVersions().size(), tls.describe().toString());
    }

    private CheckRun assertDiagnosedAsIfCalm(ConnectionHandler handler, boolean backlogTwo) throws IOException {
        ProbeOptions options = LabDiagnosisTest.FAST.withDeadline(Duration.ofSeconds(10));
        CheckRun calm = LabDiagnosisTest.check(LabHosts.healthy(), options);
        try (LabHost host = backlogTwo ? LabHost.startWithBacklog("backlog2", 2, Duration.ofMillis(30), handler)
                : LabHost.start("one-at-a-time", handler)) {
            CheckRun busy = Probes.standardRunner().run(labName(host.port()), options);
            assertEquals(Scenarios.ids(diagnostician.diagnose(calm)), Scenarios.ids(diagnostician.diagnose(busy)),
                    busy.findings().toString());
            return busy;
        }
    }
}
