package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rdpcheck.probes.diagnosis.Scenarios.connected;
import static rdpcheck.probes.diagnosis.Scenarios.ids;
import static rdpcheck.probes.diagnosis.Scenarios.refused;
import static rdpcheck.probes.diagnosis.Scenarios.selected;

import java.util.List;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;

/** The checker catches what the invariant forbids, and the diagnostician never shows it. */
class ConsistencyTest {

    /** The server: TLS for SSL and SSL|HYBRID, SSL_NOT_ALLOWED_BY_SERVER for RDSTLS and RDSAAD alone. */
    private static final CheckRun TLS_HOST = Scenarios.of().resolved("10.0.0.7").tcp(connected("10.0.0.7", 2.0))
            .negotiation(refused(0x0, 0x01), selected(0x1, 0x1), selected(0x3, 0x1), refused(0x4, 0x02),
                    selected(0xB, 0x1), refused(0x10, 0x02))
            .run();

    private static final CheckRun NLA_HOST = Scenarios.of().resolved("10.0.0.7").tcp(connected("10.0.0.7", 2.0))
            .negotiation(Scenarios.windowsNlaRequired()).run();

    @Test
    void standardRdpOnly_besideTlsSelected_isAViolationNamingTheFinding() {
        List<Diagnosis> claimed = RankingTest.engine("security.ssl-not-allowed").diagnoseUnchecked(TLS_HOST);
        List<String> violations = Consistency.violations(TLS_HOST, claimed);
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("security.ssl-not-allowed claims tls-refused but negotiation: "
                + "requested PROTOCOL_SSL (0x1) -> RDP_NEG_RSP selectedProtocol=PROTOCOL_SSL")), violations.toString());
    }

    @Test
    void contradictedDiagnosis_isNeverShown() {
        Diagnostician engine = RankingTest.engine("security.ssl-not-allowed", "security.nla-required", "security.nla-not-supported");
        assertEquals(List.of("security.nla-not-supported"), ids(engine.diagnose(TLS_HOST)));
    }

    @Test
    void nlaRequired_besideSslSelected_andSilent_besideAnAnswer_areViolations() {
        List<String> violations = Consistency.violations(TLS_HOST,
                RankingTest.engine("security.nla-required", "rdp.silent").diagnoseUnchecked(TLS_HOST));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("security.nla-required claims nla-required but negotiation: "
                + "requested PROTOCOL_SSL (0x1) -> RDP_NEG_RSP")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("rdp.silent claims silent but")), violations.toString());
    }

    @Test
    void healthyBesideAWarning_andEvidenceQuotingNoFinding_areViolations() {
        Diagnosis healthy = RankingTest.engine().diagnoseUnchecked(NLA_HOST).get(0);
        Diagnosis latency = RankingTest.engine("latency.high").diagnoseUnchecked(NLA_HOST).get(0);
        assertEquals("healthy", healthy.id());
        List<String> violations = Consistency.violations(NLA_HOST, List.of(healthy, latency));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("healthy: reported beside latency.high")), violations.toString());
        Diagnosis invented = new Diagnosis("security.nla-required", Severity.INFO, Confidence.CERTAIN, "t", "",
                List.of("requested PROTOCOL_RDP (0x0) -> RDP_NEG_RSP selectedProtocol=PROTOCOL_HYBRID"), List.of(), List.of(),
                List.of("negotiation"), java.util.Map.of());
        assertTrue(Consistency.violations(NLA_HOST, List.of(invented)).stream()
                .anyMatch(v -> v.contains("is not a negotiation finding")), "an invented quote is caught");
    }

    @Test
    void diagnosisRestingOnAProbeTheCheckDoesNotHave_isAViolation() {
        List<Diagnosis> cert = RankingTest.engine("cert.expired").diagnoseUnchecked(NLA_HOST);
        assertTrue(Consistency.violations(NLA_HOST, cert).stream()
                .anyMatch(v -> v.equals("cert.expired: rests on the certificate finding, which this check does not have")),
                Consistency.violations(NLA_HOST, cert).toString());
    }
}
