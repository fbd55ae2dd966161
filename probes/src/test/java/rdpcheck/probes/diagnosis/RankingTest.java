package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rdpcheck.probes.diagnosis.Scenarios.connected;
import static rdpcheck.probes.diagnosis.Scenarios.ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;

/**
 * Root cause first, whatever order the rules fire in: fixed matches (with every fact their
 * playbook needs) fed to the engine in the worst order, then the ranked result checked.
 */
class RankingTest {

    private static final CheckRun NLA_HOST = Scenarios.of().resolved("10.0.0.7").tcp(connected("10.0.0.7", 2.0))
            .negotiation(Scenarios.windowsNlaRequired()).run();

    /** A rule that always produces {@code id} with placeholder values for every declared fact. */
    static Rule fixed(String id) {
        return seen -> {
            Match.Builder builder = seen.match(id).evidence("fixed " + id);
            for (String fact : Catalogue.playbook(id).facts()) {
                builder.fact(fact, fact.equals("notAfter") ? "2026-10-25 02:45 UTC" : fact.equals("expiredAgo") ? "30 days" : "<" + fact + ">");
            }
            return Optional.of(builder.build());
        };
    }

    static Diagnostician engine(String... idsInFiringOrder) {
        List<Rule> rules = new ArrayList<>();
        for (String id : idsInFiringOrder) {
            rules.add(fixed(id));
        }
        return new Diagnostician(rules);
    }

    @Test
    void expiredSelfSignedNlaRequired_expiredLeadsAndExplains0x904() {
        Diagnostician engine = engine("security.nla-required", "cert.self-signed", "cert.expiring-soon", "cert.expired");
        List<Diagnosis> ranked = engine.diagnoseUnchecked(NLA_HOST);
        assertEquals(List.of("cert.expired", "cert.self-signed", "security.nla-required"), ids(ranked));
        assertEquals(Severity.CRITICAL, ranked.get(0).severity());
        assertEquals(Severity.INFO, ranked.get(1).severity());
        assertTrue(ranked.get(0).explains().get(0).contains("0x904"), ranked.get(0).explains().toString());
        String verdict = engine.verdict(NLA_HOST, ranked);
        assertEquals("rdp01.corp.example:3389: the server's RDP certificate (<origin>) expired on "
                + "2026-10-25 02:45 UTC, 30 days ago — this explains mstsc 0x904 / extended 0x7.", verdict);
        assertTrue(verdict.endsWith("."), verdict);
    }

    @Test
    void sameSeverity_aCauseThatBreaksClientsLeadsAHardeningWarning() {
        // NLA not enforced sits earlier in the connection, but only TLS 1.0 is what turns modern clients away
        Diagnostician engine = engine("security.nla-not-enforced", "tls.legacy-only");
        assertEquals(List.of("tls.legacy-only", "security.nla-not-enforced"), ids(engine.diagnoseUnchecked(NLA_HOST)));
    }

    @Test
    void dnsFailure_hidesEverythingElse() {
        assertEquals(List.of("dns.unresolvable"),
                ids(engine("latency.high", "probe.timeout", "rdp.closed", "dns.unresolvable").diagnoseUnchecked(NLA_HOST)));
    }

    @Test
    void tcpRefused_hidesProbeTimeouts() {
        assertEquals(List.of("tcp.refused"), ids(engine("probe.timeout", "tcp.refused").diagnoseUnchecked(NLA_HOST)));
    }

    @Test
    void criticals_rankByWhereInTheConnectionTheCauseSits() {
        List<Diagnosis> ranked = engine("cert.expired", "tls.handshake-failed", "security.ssl-cert-not-on-server", "rdp.closed")
                .diagnoseUnchecked(NLA_HOST);
        // every client fails on the first two, all but FreeRDP (which falls back) on the third, two groups on the last
        assertEquals(List.of("rdp.closed", "tls.handshake-failed", "security.ssl-cert-not-on-server", "cert.expired"), ids(ranked));
    }

    @Test
    void aClientThatFailsBeforeWarnings_andNoHealthyWhenAWarningExists() {
        // self-signed is only information, but Guacamole and the web client refuse it; high latency warns everyone
        List<Diagnosis> ranked = engine("cert.self-signed", "latency.high", "security.nla-required").diagnoseUnchecked(NLA_HOST);
        assertEquals(List.of("cert.self-signed", "latency.high", "security.nla-required"), ids(ranked));
    }

    @Test
    void onlyInfo_healthyLeads() {
        List<Diagnosis> ranked = engine("cert.self-signed", "security.nla-required").diagnoseUnchecked(NLA_HOST);
        assertEquals(List.of("healthy", "cert.self-signed", "security.nla-required"), ids(ranked));
    }

    @Test
    void verdict_withFurtherProblems_namesOnlyTheRootCause_within160Characters() {
        Diagnostician engine = engine("latency.high", "cert.expired", "cert.name-mismatch");
        String verdict = engine.verdict(NLA_HOST, engine.diagnoseUnchecked(NLA_HOST));
        assertFalse(verdict.contains("more problem"), verdict);
        assertTrue(verdict.length() <= Diagnostician.VERDICT_MAX, verdict);
    }

    @Test
    void verdict_ofAVeryLongHostName_isCutAtAWordWithinTheLimit() {
        String sentence = "h".repeat(120) + ".example:3389: the server's RDP certificate expired on 2026-10-25 02:45 UTC, 30 days ago";
        String verdict = Diagnostician.fit(sentence);
        assertTrue(verdict.length() <= Diagnostician.VERDICT_MAX, verdict);
        assertTrue(verdict.endsWith("…"), verdict);
    }
}
