package rdpcheck.probes.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import rdpcheck.lab.LabGateway;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.probes.diagnosis.Invariants;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.DatagramExchange;
import rdpcheck.probes.report.Facts;
import rdpcheck.probes.report.Report;

/**
 * The gateway probes against every lab RD Gateway personality ({@link LabGateway#personalities()}),
 * checked as a gateway ({@code --gateway}) and, for one, as the gateway in front of a lab RDP host
 * ({@code via}): what each probe learns, the diagnoses, and the invariants every check keeps.
 */
class LabGatewayTest {

    static final ProbeOptions FAST = ProbeOptions.defaults().withDeadline(Duration.ofSeconds(8))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

    /** The diagnoses each personality must get, ranked. */
    static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("healthy", List.of("gateway.healthy"));
        EXPECTED.put("expired", List.of("gateway.cert-expired"));
        EXPECTED.put("self-signed", List.of("gateway.cert-self-signed"));
        EXPECTED.put("wrong-name", List.of("gateway.cert-name-mismatch"));
        EXPECTED.put("ntlm-only", List.of("gateway.no-negotiate"));
        EXPECTED.put("negotiate-ntlm", List.of("gateway.healthy"));
        EXPECTED.put("websocket-refused", List.of("gateway.healthy", "gateway.websocket-unavailable"));
        EXPECTED.put("legacy-rpc-only", List.of("gateway.rpc-only"));
        EXPECTED.put("not-rdg", List.of("gateway.not-rdg"));
    }

    static LabGateway.Personality personality(String name) {
        return LabGateway.personalities().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static CheckRun check(LabGateway gateway, Target target, ProbeOptions options) {
        return new ProbeRunner(Probes.forTarget(target, gateway.udpPort())).run(target, options);
    }

    static List<String> ids(CheckRun run) {
        return new Diagnostician().diagnose(run).stream().map(Diagnosis::id).toList();
    }

    @Test
    void personalities_areTheNamedOnes_eachWithItsExpectation() {
        assertEquals(List.copyOf(EXPECTED.keySet()), LabGateway.personalities().stream().map(LabGateway.Personality::name).toList());
    }

    @TestFactory
    Stream<DynamicTest> everyPersonality_getsItsDiagnoses_andKeepsTheInvariants() {
        return LabGateway.personalities().stream().map(personality -> DynamicTest.dynamicTest(personality.name(), () -> {
            int openBefore = Connection.openCount();
            try (LabGateway gateway = LabGateway.start(personality)) {
                CheckRun run = check(gateway, gateway.target(), FAST);
                assertEquals(List.of(rdpcheck.probes.net.DnsProbe.ID, GatewayProbes.TLS, GatewayProbes.CERTIFICATE,
                        GatewayProbes.HTTP, GatewayProbes.UDP), List.copyOf(run.findings().outcomes().keySet()),
                        "no RDP probe on a gateway's port");
                assertEquals(EXPECTED.get(personality.name()), ids(run), personality.name() + ": " + run.findings());
                Invariants.assertHold("gateway " + personality.name(), run);
            }
            assertEquals(openBefore, Connection.openCount(), "every probe connection is closed");
        }));
    }

    @Test
    void healthy_eachProbeLearnsItsPart() throws Exception {
        try (LabGateway gateway = LabGateway.start(LabGateway.Personality.healthy())) {
            CheckRun run = check(gateway, gateway.target(), FAST);
            GatewayTlsResult tls = run.findings().result(GatewayProbes.TLS).orElseThrow();
            assertEquals(GatewayTlsResult.Outcome.HANDSHAKE, tls.outcome());
            assertEquals(Optional.of("TLS 1.3"), tls.tlsVersion());
            assertEquals(2, tls.chainBase64().size(), "leaf and the lab CA");
            GatewayCertificate certificate = run.findings().result(GatewayProbes.CERTIFICATE).orElseThrow();
            assertTrue(certificate.certificate().nameMatches() && certificate.certificate().chainOrdered());
            assertFalse(certificate.certificate().selfSigned());
            GatewayHttpResult http = run.findings().result(GatewayProbes.HTTP).orElseThrow();
            assertTrue(http.speaksRdg());
            assertEquals(List.of("Negotiate", "NTLM"), http.authSchemes());
            assertEquals(GatewayHttpResult.WebSocketAnswer.SWITCHED, http.websocketAnswer());
            assertTrue(http.legacyRpcAvailable());
            assertEquals("GW01 (CORP)", http.identity().orElseThrow().describe());
            assertEquals("10.0.20348", http.osVersion().orElseThrow().number());
            assertEquals(Optional.empty(), http.frontServer(), "HTTP.sys answers itself");
            GatewayUdpResult udp = run.findings().result(GatewayProbes.UDP).orElseThrow();
            assertEquals(GatewayUdpResult.Answer.HELLO_VERIFY_REQUEST, udp.answer());
            assertEquals(Optional.of("DTLS 1.0"), udp.dtlsVersion());
            assertEquals(1, udp.datagramsSent(), "answered: no resend");

            List<String> labels = Facts.of(run.target(), run.findings()).stream().map(Facts.Fact::label).toList();
            assertTrue(labels.containsAll(List.of("gateway", "gw http", "gw cert", "gw valid", "gw host")), labels.toString());
        }
    }

    @Test
    void negotiateOnly_identityComesThroughNtlmInsideNegotiate() throws Exception {
        try (LabGateway gateway = LabGateway.start(LabGateway.Personality.healthy().named("n").withSchemes("Negotiate"))) {
            GatewayHttpResult http = check(gateway, gateway.target(), FAST).findings().result(GatewayProbes.HTTP).orElseThrow();
            assertEquals("GW01 (CORP)", http.identity().orElseThrow().describe());
            assertTrue(http.ntlm().orElseThrow().request().startsWith("RDG_OUT_DATA"));
        }
    }

    @TestFactory
    Stream<DynamicTest> udpTransport_eachAnswerIsToldApart() {
        Map<LabGateway.Udp, GatewayUdpResult.Answer> expected = new LinkedHashMap<>();
        expected.put(LabGateway.Udp.HELLO_VERIFY, GatewayUdpResult.Answer.HELLO_VERIFY_REQUEST);
        expected.put(LabGateway.Udp.SERVER_HELLO, GatewayUdpResult.Answer.SERVER_HELLO);
        expected.put(LabGateway.Udp.SILENT, GatewayUdpResult.Answer.NO_ANSWER);
        expected.put(LabGateway.Udp.CLOSED, GatewayUdpResult.Answer.CLOSED);
        expected.put(LabGateway.Udp.GARBAGE, GatewayUdpResult.Answer.NOT_DTLS);
        return expected.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().name(), () -> {
            int socketsBefore = DatagramExchange.openCount();
            try (LabGateway gateway = LabGateway.start(LabGateway.Personality.healthy().named("udp").withUdp(e.getKey()))) {
                CheckRun run = check(gateway, gateway.target(), FAST);
                assertEquals(socketsBefore, DatagramExchange.openCount(), "the probe's UDP socket is closed");
                GatewayUdpResult udp = run.findings().result(GatewayProbes.UDP).orElseThrow();
                assertEquals(e.getValue(), udp.answer(), udp.describe());
                boolean reported = ids(run).contains("gateway.udp-closed");
                assertEquals(e.getValue() == GatewayUdpResult.Answer.CLOSED || e.getValue() == GatewayUdpResult.Answer.NO_ANSWER,
                        reported, ids(run).toString());
                assertTrue(udp.datagramsSent() <= GatewayUdpProbe.SENDS, "never more than one resend");
                Invariants.assertHold("udp " + e.getKey(), run);
            }
        }));
    }

    @Test
    void via_checksTheHostAndItsGateway_sideBySide() throws Exception {
        try (LabHost host = LabHost.start("via-host", LabHosts.healthy());
             LabGateway gateway = LabGateway.start(personality("expired"))) {
            Target target = gateway.via(host.target());
            assertTrue(target.key().endsWith(" via gw.rdpcheck.test:" + gateway.port()), target.key());
            CheckRun run = check(gateway, target, FAST);
            assertTrue(run.findings().outcome(rdpcheck.probes.rdp.NegotiationProbe.ID).orElseThrow() instanceof ProbeOutcome.Completed);
            assertTrue(run.findings().outcome(GatewayProbes.HTTP).orElseThrow() instanceof ProbeOutcome.Completed);
            List<String> ids = ids(run);
            assertEquals("gateway.cert-expired", ids.get(0), ids.toString());
            assertFalse(ids.contains("cert.expired"), "the host's own certificate is fine: " + ids);
            Invariants.assertHold("via", run);
            Report report = Report.of(run, new Diagnostician());
            assertTrue(report.verdict().contains("RD Gateway"), report.verdict());
        }
    }

    @Test
    void policy_refusingTheGatewaysPort_probesNothingThere() throws Exception {
        try (LabGateway gateway = LabGateway.start(LabGateway.Personality.healthy())) {
            ProbeOptions denied = FAST.withGate((address, port) -> port == gateway.port()
                    ? Optional.of("port " + port + " is not allowed") : Optional.empty());
            CheckRun run = check(gateway, gateway.target(), denied);
            GatewayTlsResult tls = run.findings().result(GatewayProbes.TLS).orElseThrow();
            assertEquals(rdpcheck.probes.net.TcpState.DENIED_BY_POLICY, tls.tcpState(), tls.describe());
            assertTrue(run.findings().outcome(GatewayProbes.HTTP).orElseThrow() instanceof ProbeOutcome.Skipped);
            assertFalse(ids(run).contains("gateway.unreachable"), ids(run).toString());
            assertEquals(0, gateway.connectionsAccepted(), "nothing touched the refused port");
        }
    }

    @TestFactory
    Stream<DynamicTest> notAGatewayAtTheTlsLevel_tlsFailed_boundedAndNothingLeft() {
        Map<String, rdpcheck.lab.ConnectionHandler> hosts = new LinkedHashMap<>();
        hosts.put("silent", rdpcheck.lab.Misbehaviours.silent());
        hosts.put("plain HTTP", rdpcheck.lab.Misbehaviours.banner(
                "HTTP/1.1 400 Bad Request\r\nServer: Apache\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return hosts.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            int openBefore = Connection.openCount();
            try (LabHost host = LabHost.start("not-gw", e.getValue())) {
                Target target = new Target("127.0.0.1", host.port(), "127.0.0.1:" + host.port() + " gateway",
                        rdpcheck.probes.Route.GATEWAY);
                long started = System.nanoTime();
                CheckRun run = new ProbeRunner(Probes.forTarget(target, closedUdpPort())).run(target, FAST);
                assertTrue(System.nanoTime() - started < FAST.deadline().toNanos() + 1_000_000_000L, "within the deadline");
                GatewayTlsResult tls = run.findings().result(GatewayProbes.TLS).orElseThrow();
                assertEquals(GatewayTlsResult.Outcome.REFUSED, tls.outcome(), tls.describe());
                assertEquals("gateway.tls-failed", ids(run).get(0), ids(run).toString());
                assertTrue(run.findings().outcome(GatewayProbes.HTTP).orElseThrow() instanceof ProbeOutcome.Skipped);
                Invariants.assertHold("not a gateway: " + e.getKey(), run);
            }
            assertEquals(openBefore, Connection.openCount(), "every probe connection is closed");
        }));
    }

    private static int closedUdpPort() throws java.io.IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
