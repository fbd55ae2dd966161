package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabGateway;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.Misbehaviours;
import rdpcheck.lab.UdpHosts;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/**
 * The JSON contract: what {@code rdpcheck check --json} prints for hosts of every kind (healthy,
 * NLA, expired certificate, Standard RDP Security only, pre-Vista, TLS 1.0 only, not RDP, silent,
 * closed port, RDP-UDP answering) carries {@code "schema": 1}, validates against {@code report.schema.json}, and
 * reads back into the same report.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReportSchemaTest {

    private static final Map<String, ConnectionHandler> KINDS = Map.of(
            "healthy", LabHosts.healthy(),
            "nla", LabHosts.windowsServer2019Nla(),
            "expired", LabHosts.expiredSelfSigned(),
            "rdp-only", LabHosts.rdpOnly(),
            "pre-vista", LabHosts.preVista(),
            "tls10", LabHosts.tls10Only(),
            "http", Misbehaviours.banner("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
            "silent", Misbehaviours.silent(),
            "udp-v2", UdpHosts.udpVersion2());

    private static final List<LabHost> HOSTS = new ArrayList<>();
    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        try (InputStream in = ReportJson.class.getResourceAsStream(ReportJson.SCHEMA_RESOURCE)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        for (Map.Entry<String, ConnectionHandler> kind : KINDS.entrySet()) {
            HOSTS.add(LabHost.start(kind.getKey(), kind.getValue()));
        }
    }

    @AfterAll
    static void stop() {
        HOSTS.forEach(LabHost::close);
    }

    /** What is wrong with {@code node} as a report of the contract; empty when it validates. */
    static List<String> errors(JsonNode node) {
        return SCHEMA.validate(node).stream().map(Error::toString).collect(Collectors.toList());
    }

    private static String check(String... args) {
        StringWriter out = new StringWriter();
        Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args);
        return out.toString();
    }

    @Test
    void checkJson_everyKindOfHost_validatesAgainstTheSchemaAndReadsBack() throws IOException {
        for (LabHost host : HOSTS) {
            String json = check("check", "--json", "--timeout", "5", host.target().input()).strip();
            JsonNode node = ReportJson.mapper().readTree(json);
            assertEquals(1, node.path("schema").asInt(), json);
            assertEquals(List.of(), errors(node), host.name() + ": " + json);

            Report back = ReportJson.read(json);
            assertEquals(json, ReportJson.write(back, false), host.name() + " reads back to the same JSON");
        }
    }

    @Test
    void checkJson_udp_carriesAnsweredVersionAndMtus_andTheSchemaHoldsThemToTheirTypes() throws IOException {
        LabHost udp = HOSTS.stream().filter(h -> h.name().equals("udp-v2")).findFirst().orElseThrow();
        JsonNode result = ReportJson.mapper().readTree(check("check", "--json", "--timeout", "5", udp.target().input()))
                .path("findings").path("udp").path("result");
        assertTrue(result.path("answered").asBoolean(), result.toString());
        assertEquals(2, result.path("version").asInt(), result.toString());
        assertEquals(1232, result.path("upstreamMtu").asInt(), result.toString());
        assertEquals(1232, result.path("downstreamMtu").asInt(), result.toString());
        LabHost healthy = HOSTS.stream().filter(h -> h.name().equals("healthy")).findFirst().orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode closed = (com.fasterxml.jackson.databind.node.ObjectNode)
                ReportJson.mapper().readTree(check("check", "--json", "--timeout", "5", healthy.target().input()));
        JsonNode closedUdp = closed.path("findings").path("udp").path("result");
        assertFalse(closedUdp.path("answered").asBoolean(), closedUdp.toString());
        assertTrue(closedUdp.path("version").isNull(), closedUdp.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) closedUdp).put("version", 4);
        assertFalse(errors(closed).isEmpty(), "RDP-UDP has versions 1, 2 and 3 only");
    }

    @Test
    void checkJson_gatewayAndVia_validateAndReadBack() throws IOException {
        for (String personality : List.of("healthy", "not-rdg", "legacy-rpc-only")) {
            LabGateway.Personality chosen = LabGateway.personalities().stream().filter(p -> p.name().equals(personality))
                    .findFirst().orElseThrow();
            try (LabGateway gateway = LabGateway.start(chosen)) {
                String name = "gw.rdpcheck.test:" + gateway.port();
                for (String[] args : List.of(new String[] {"check", "--json", "--timeout", "5", "--gateway", name},
                        new String[] {"check", "--json", "--timeout", "5", "--via", name, HOSTS.get(0).target().input()})) {
                    String json = check(args).strip();
                    JsonNode node = ReportJson.mapper().readTree(json);
                    assertEquals(List.of(), errors(node), personality + ": " + json);
                    assertTrue(node.path("findings").path("gateway-http").path("status").asText().equals("completed"), json);
                    assertEquals(json, ReportJson.write(ReportJson.read(json), false), personality + " reads back to the same JSON");
                }
            }
        }
    }

    @Test
    void checkJson_closedPort_validates() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String json = check("check", "--json", "127.0.0.1:" + port).strip();
        JsonNode node = ReportJson.mapper().readTree(json);
        assertEquals(List.of(), errors(node), json);
        assertEquals("tcp.refused", node.path("diagnoses").path(0).path("id").asText(), json);
    }

    @Test
    void fleetJsonLines_everyLineValidates() throws IOException {
        List<String> args = new ArrayList<>(List.of("check", "--json", "--no-progress", "--timeout", "5"));
        HOSTS.forEach(host -> args.add(host.target().input()));
        String out = check(args.toArray(String[]::new));
        List<String> lines = out.lines().collect(Collectors.toList());
        assertEquals(HOSTS.size(), lines.size(), out);
        for (String line : lines) {
            assertEquals(List.of(), errors(ReportJson.mapper().readTree(line)), line);
        }
    }

    @Test
    void schema_rejectsAReportWithoutItsVersionOrWithAWrongType() throws IOException {
        String json = check("check", "--json", "--timeout", "5", HOSTS.get(0).target().input()).strip();
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) ReportJson.mapper().readTree(json);
        node.remove("schema");
        assertFalse(errors(node).isEmpty(), "a report without \"schema\" must not validate");
        node.put("schema", 1);
        node.put("problems", "yes");
        assertFalse(errors(node).isEmpty(), "\"problems\" is a boolean");
        node.put("problems", true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("target")).put("port", "3389");
        assertTrue(!errors(node).isEmpty(), "\"target.port\" is a number");
    }

    @Test
    void checkJson_unknownName_validates() throws IOException {
        // test-hosts lists every name tests may resolve: this one is "no such name"
        String json = check("check", "--json", "no-such-host.rdpcheck.test").strip();
        JsonNode node = ReportJson.mapper().readTree(json);
        assertEquals(List.of(), errors(node), json);
        assertEquals("NO_SUCH_NAME", node.path("findings").path("dns").path("result").path("status").asText(), json);
    }

    @Test
    void schema_enumsAreTheJavaEnums() throws IOException {
        JsonNode report;
        try (InputStream in = ReportJson.class.getResourceAsStream(ReportJson.SCHEMA_RESOURCE)) {
            report = ReportJson.mapper().readTree(in).path("$defs").path("report").path("properties");
        }
        JsonNode findings = report.path("findings").path("properties");
        assertEquals(names(rdpcheck.probes.diagnosis.Severity.values()),
                strings(report.at("/diagnoses/items/properties/severity/enum")));
        assertEquals(names(rdpcheck.probes.diagnosis.Confidence.values()),
                strings(report.at("/diagnoses/items/properties/confidence/enum")));
        assertEquals(names(rdpcheck.probes.net.DnsResult.DnsStatus.values()),
                strings(findings.at("/dns/properties/result/properties/status/enum")));
        assertEquals(names(rdpcheck.probes.net.TcpState.values()),
                strings(findings.at("/tcp/properties/result/properties/attempts/items/properties/state/enum")));
        assertEquals(names(rdpcheck.probes.tls.TlsVersion.values()),
                strings(findings.at("/tls/properties/result/properties/attempts/items/properties/version/enum")));
        assertEquals(names(rdpcheck.probes.gateway.GatewayTlsResult.Outcome.values()),
                strings(findings.at("/gateway-tls/properties/result/properties/outcome/enum")));
        assertEquals(names(rdpcheck.probes.net.TcpState.values()),
                strings(findings.at("/gateway-tls/properties/result/properties/tcpState/enum")));
        assertEquals(names(rdpcheck.probes.gateway.HttpExchange.Kind.values()),
                strings(findings.at("/gateway-http/properties/result/properties/rdg/properties/kind/enum")));
        assertEquals(names(rdpcheck.probes.gateway.GatewayHttpResult.WebSocketAnswer.values()),
                strings(findings.at("/gateway-http/properties/result/properties/websocketAnswer/enum")));
        assertEquals(names(rdpcheck.probes.gateway.GatewayUdpResult.Answer.values()),
                strings(findings.at("/gateway-udp/properties/result/properties/answer/enum")));
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(value -> {
            if (!value.isNull()) {
                out.add(value.asText());
            }
        });
        return out;
    }
}
