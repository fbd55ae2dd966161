package rdpcheck.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import rdpcheck.lab.LabGateway;
import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Route;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.gateway.GatewayHttpResult;
import rdpcheck.probes.gateway.GatewayProbes;
import rdpcheck.probes.gateway.GatewayTlsResult;
import rdpcheck.probes.report.Report;

/**
 * The gateway probes through a real nginx in front of a lab RD Gateway (plain HTTP behind the
 * proxy, as MS-TSGU 2.1.2 allows): the WebSocket upgrade passed, the upgrade stripped (nginx's
 * defaults), and an edge that answers the gateway's own methods with 501.
 */
class GatewayBehindNginxTest {

    static final ProbeOptions OPTIONS = ProbeOptions.defaults().withDeadline(Duration.ofSeconds(10))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));

    @BeforeAll
    static void nginx() {
        RealNginx.assumeInstalled();
    }

    record Seen(CheckRun run, Report report, GatewayHttpResult http, List<String> ids) {
    }

    static Seen check(RealNginx.Mode mode) throws Exception {
        LabGateway.Personality healthy = LabGateway.Personality.healthy();
        try (LabGateway backend = LabGateway.start(healthy.named("behind-nginx").plainHttp());
             RealNginx nginx = RealNginx.start(mode, backend.port(), healthy.certificate().orElseThrow())) {
            Target target = new Target("gw.rdpcheck.test", nginx.port(), "gw.rdpcheck.test:" + nginx.port() + " gateway",
                    Route.GATEWAY);
            CheckRun run = new ProbeRunner(Probes.forTarget(target, backend.udpPort())).run(target, OPTIONS);
            Report report = Report.of(run, new Diagnostician());
            GatewayHttpResult http = run.findings().result(GatewayProbes.HTTP)
                    .orElseThrow(() -> new AssertionError(run.findings() + "\nnginx: " + nginx.log()));
            return new Seen(run, report, http, report.diagnoses().stream().map(Diagnosis::id).toList());
        }
    }

    @Test
    void upgradePassed_websocketSwitches_throughNginx_whichNamesItself() throws Exception {
        Seen seen = check(RealNginx.Mode.UPGRADE_PASSED);
        assertTrue(seen.http().speaksRdg(), seen.http().rdg().describe());
        assertEquals(GatewayHttpResult.WebSocketAnswer.SWITCHED, seen.http().websocketAnswer(), seen.http().websocket().describe());
        assertTrue(seen.http().frontServer().orElseThrow().startsWith("nginx"), seen.http().frontServer().toString());
        assertEquals("GW01 (CORP)", seen.http().identity().orElseThrow().describe(), "the NTLM CHALLENGE comes through");
        GatewayTlsResult tls = seen.run().findings().result(GatewayProbes.TLS).orElseThrow();
        assertEquals(GatewayTlsResult.Outcome.HANDSHAKE, tls.outcome(), tls.describe());
        assertEquals(List.of("gateway.healthy"), seen.ids());
    }

    @Test
    void upgradeStripped_websocketNotSwitched_diagnosedWithTheProxyNamed() throws Exception {
        Seen seen = check(RealNginx.Mode.UPGRADE_STRIPPED);
        assertTrue(seen.http().speaksRdg(), seen.http().rdg().describe());
        assertEquals(GatewayHttpResult.WebSocketAnswer.NOT_SWITCHED, seen.http().websocketAnswer());
        assertEquals(Optional.of(401), seen.http().websocket().status(), "the gateway saw a plain request");
        assertEquals(List.of("gateway.healthy", "gateway.websocket-unavailable"), seen.ids());
        Diagnosis websocket = seen.report().diagnoses().get(1);
        assertTrue(websocket.explanation().contains("nginx"), websocket.explanation());
    }

    @Test
    void edge501_rdgMethodsRefused_gatewayNotRdg_onlyAWarningSinceWebSocketPasses() throws Exception {
        Seen seen = check(RealNginx.Mode.EDGE_501);
        assertEquals(Optional.of(501), seen.http().rdg().status(), seen.http().rdg().describe());
        assertEquals(Optional.of(501), seen.http().rpc().status());
        assertEquals(GatewayHttpResult.WebSocketAnswer.SWITCHED, seen.http().websocketAnswer());
        assertEquals("gateway.not-rdg", seen.ids().get(0), seen.ids().toString());
        assertEquals(Severity.WARNING, seen.report().diagnoses().get(0).severity());
    }
}
