package rdpcheck.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import rdpcheck.app.Main;

/**
 * {@code rdpcheck check --json} against real RDP servers nobody on the team wrote: xrdp (TLS with a
 * CA-issued certificate, TLS with an expired self-signed one, Standard RDP Security only),
 * FreeRDP's shadow server with NLA required, a silent port and a closed one.
 */
class RealServersTest {

    static final int HEALTHY = 23890;
    static final int EXPIRED = 23892;
    static final int RDP_ONLY = 23894;
    static final int NLA = 23896;
    static final int SILENT = 23898;
    static final int CLOSED = 23900;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startServers() throws Exception {
        RealPeers.assumeInstalled();
        RealPeers.acquire();
        RealPeers.start("healthy", "expired", "rdponly", "nla", "silent", "closed");
    }

    @AfterAll
    static void stopServers() {
        RealPeers.stop("healthy", "expired", "rdponly", "nla", "silent", "closed");
        RealPeers.release();
    }

    record Outcome(int exitCode, JsonNode report, String stderr) {
        List<String> diagnosisIds() {
            List<String> ids = new ArrayList<>();
            report.path("diagnoses").forEach(d -> ids.add(d.path("id").asText()));
            return ids;
        }

        List<String> replies() {
            List<String> replies = new ArrayList<>();
            report.path("findings").path("negotiation").path("result").path("attempts")
                    .forEach(a -> replies.add(a.path("requested").asText() + " -> " + a.path("reply").path("kind").asText()
                            + " " + a.path("reply").path("protocolName").asText(a.path("reply").path("failureName").asText())));
            return replies;
        }
    }

    static Outcome check(String target) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "check", "--json", "--timeout", "15", target);
        return new Outcome(code, JSON.readTree(out.toString()), err.toString());
    }

    @Test
    void xrdpWithTls_requiresTlsAndSelectsTlsEvenWhenCredSspIsOffered() throws Exception {
        Outcome outcome = check("127.0.0.1:" + HEALTHY);
        List<String> replies = outcome.replies();
        assertTrue(replies.contains("PROTOCOL_RDP (0x0) -> Refused SSL_REQUIRED_BY_SERVER"), replies.toString());
        assertTrue(replies.contains("PROTOCOL_SSL (0x1) -> Selected PROTOCOL_SSL"), replies.toString());
        // xrdp has no CredSSP: asked for TLS|HYBRID it picks TLS. nmap's rdp-enum-encryption calls that "CredSSP: SUCCESS".
        assertTrue(replies.contains("PROTOCOL_SSL|PROTOCOL_HYBRID (0x3) -> Selected PROTOCOL_SSL"), replies.toString());
    }

    @Test
    void xrdpWithExpiredWindowsStyleCertificate_completesTls12And13AndSeesTheExpiry() throws Exception {
        // The certificate's KeyUsage is keyEncipherment|dataEncipherment only, like the one Windows makes for RDP:
        // the handshake must still complete (Schannel does), or every such server would look broken.
        Outcome outcome = check("localhost:" + EXPIRED);
        JsonNode tls = outcome.report().path("findings").path("tls").path("result");
        assertEquals("[\"TLS_1_2\",\"TLS_1_3\"]", tls.path("acceptedVersions").toString(), tls.toString());
        JsonNode certificate = outcome.report().path("findings").path("certificate").path("result");
        assertTrue(certificate.path("expired").asBoolean(), certificate.toString());
        assertEquals(30, certificate.path("daysPastExpiry").asInt(), certificate.toString());
        assertTrue(certificate.path("selfSigned").asBoolean());
        assertTrue(certificate.path("nameMatches").asBoolean());
        assertEquals("cert.expired", outcome.diagnosisIds().get(0), outcome.diagnosisIds().toString());
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.report().path("verdict").asText().contains("0x904"), outcome.report().path("verdict").asText());
    }

    @Test
    void xrdpWithCaIssuedCertificate_matchesTheIpAddressSan() throws Exception {
        Outcome outcome = check("127.0.0.1:" + HEALTHY);
        JsonNode certificate = outcome.report().path("findings").path("certificate").path("result");
        assertTrue(certificate.path("nameMatches").asBoolean(), certificate.toString());
        assertTrue(!certificate.path("expired").asBoolean() && !certificate.path("selfSigned").asBoolean(), certificate.toString());
    }

    @Test
    void xrdpRdpOnly_selectsStandardRdpSecurityForEveryRequest() throws Exception {
        Outcome outcome = check("127.0.0.1:" + RDP_ONLY);
        List<String> replies = outcome.replies();
        assertTrue(replies.contains("PROTOCOL_SSL (0x1) -> Selected PROTOCOL_RDP"), replies.toString());
        assertTrue(replies.contains("PROTOCOL_RDP (0x0) -> Selected PROTOCOL_RDP"), replies.toString());
        assertEquals("security.ssl-not-allowed", outcome.diagnosisIds().get(0), outcome.diagnosisIds().toString());
    }

    @Test
    void freerdpShadowWithNla_refusesEveryClientThatDoesNotOfferCredSsp() throws Exception {
        Outcome outcome = check("127.0.0.1:" + NLA);
        List<String> replies = outcome.replies();
        assertTrue(replies.contains("PROTOCOL_RDP (0x0) -> Refused HYBRID_REQUIRED_BY_SERVER"), replies.toString());
        assertTrue(replies.contains("PROTOCOL_SSL (0x1) -> Refused HYBRID_REQUIRED_BY_SERVER"), replies.toString());
        assertTrue(replies.contains("PROTOCOL_SSL|PROTOCOL_HYBRID (0x3) -> Selected PROTOCOL_HYBRID"), replies.toString());
        JsonNode credssp = outcome.report().path("findings").path("credssp").path("result");
        assertEquals("RDPTEST-NLA", credssp.path("identity").path("nbComputerName").asText(), credssp.toString());
        assertEquals(6, credssp.path("credSspVersion").asInt());
        assertTrue(Math.abs(credssp.path("clockSkewMillis").asLong()) < 60_000, credssp.toString());
        assertTrue(outcome.diagnosisIds().containsAll(List.of("cert.name-mismatch", "security.nla-required")),
                outcome.diagnosisIds().toString());
        assertTrue(outcome.report().path("verdict").asText().contains("RDPTEST-NLA"), outcome.report().path("verdict").asText());
    }

    @Test
    void freerdpShadowWithNla_namesTheHostInItsNtlmChallengeLikeNmapRdpNtlmInfo() throws Exception {
        // nmap --script rdp-ntlm-info on the same server: Target_Name, NetBIOS_Domain_Name, NetBIOS_Computer_Name,
        // DNS_Domain_Name, DNS_Computer_Name all RDPTEST-NLA, Product_Version 6.1.7601, System_Time = now.
        Outcome outcome = check("127.0.0.1:" + NLA);
        JsonNode credssp = outcome.report().path("findings").path("credssp").path("result");
        JsonNode identity = credssp.path("identity");
        // The harness names the host RDPTEST-NLA where it may use a UTS namespace; elsewhere it is the machine's name.
        String name = identity.path("nbComputerName").asText();
        assertTrue(!name.isEmpty(), credssp.toString());
        for (String field : List.of("targetName", "nbDomainName", "dnsComputerName", "dnsDomainName")) {
            assertEquals(name, identity.path(field).asText(), field + " in " + credssp);
        }
        assertEquals("6.1.7601", credssp.path("osVersionNumber").asText(), credssp.toString());
        assertEquals(6, credssp.path("credSspVersion").asInt(), credssp.toString());
        assertTrue(Math.abs(credssp.path("clockSkewMillis").asLong()) < 5_000, credssp.toString());
    }

    @Test
    void xrdpRdpOnly_acceptsOnly128BitAtLevelHighLikeNmapRdpEnumEncryption() throws Exception {
        // nmap --script rdp-enum-encryption: "RDP Encryption level: High", "128-bit RC4: SUCCESS", "RDP 5.x, 6.x, 7.x, or 8.x".
        Outcome outcome = check("127.0.0.1:" + RDP_ONLY);
        JsonNode layer = outcome.report().path("findings").path("security-layer").path("result");
        assertEquals("[\"BIT_128\"]", layer.path("acceptedMethods").toString(), layer.toString());
        assertEquals("HIGH", layer.path("encryptionLevel").asText(), layer.toString());
        assertEquals("RDP 5.x, 6.x, 7.x or 8.x", layer.path("rdpVersion").path("name").asText(), layer.toString());
        assertTrue(!layer.path("acceptsWeak").asBoolean(), layer.toString());
    }

    @Test
    void xrdpAndFreerdpShadow_haveNoRdpUdpListener_theirUdpPortAnswersIcmpPortUnreachable() throws Exception {
        // Neither server implements MS-RDPEUDP: nothing is bound to UDP on their port, so the kernel answers
        // the SYN with ICMP port unreachable, at once; rdpcheck sends no second SYN after that.
        for (int port : List.of(HEALTHY, NLA)) {
            Outcome outcome = check("127.0.0.1:" + port);
            JsonNode udp = outcome.report().path("findings").path("udp").path("result");
            assertEquals("CLOSED", udp.path("state").asText(), port + ": " + udp);
            assertTrue(!udp.path("answered").asBoolean() && udp.path("version").isNull(), udp.toString());
            assertEquals(1, udp.path("synsSent").asInt(), udp.toString());
            assertTrue(outcome.diagnosisIds().contains("udp.unavailable"), outcome.diagnosisIds().toString());
        }
    }

    @Test
    void silentPort_everyRequestIsSilent() throws Exception {
        Outcome outcome = check("127.0.0.1:" + SILENT);
        assertTrue(outcome.replies().stream().allMatch(r -> r.contains("Silent")), outcome.replies().toString());
        assertEquals("rdp.silent", outcome.diagnosisIds().get(0), outcome.diagnosisIds().toString());
    }

    @Test
    void closedPort_isRefusedAndNothingElseRuns() throws Exception {
        Outcome outcome = check("127.0.0.1:" + CLOSED);
        assertEquals("REFUSED", outcome.report().path("findings").path("tcp").path("result").path("attempts").path(0)
                .path("state").asText());
        assertEquals("skipped", outcome.report().path("findings").path("negotiation").path("status").asText());
        assertEquals(List.of("tcp.refused"), outcome.diagnosisIds());
        assertEquals(1, outcome.exitCode());
    }
}
