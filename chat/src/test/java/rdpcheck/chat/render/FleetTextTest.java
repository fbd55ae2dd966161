package rdpcheck.chat.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rdpcheck.checks.FleetResultTest.host;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import rdpcheck.checks.FleetResult;
import rdpcheck.checks.HostResult;
import rdpcheck.probes.Findings;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Confidence;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;

class FleetTextTest {

    @Test
    void summaryTable_hasHostRootCauseAndVerdictUnderEachGroup() {
        FleetResult result = new FleetResult(List.of(
                host("10.0.0.1", Severity.OK, "healthy"),
                host("10.0.0.2", Severity.CRITICAL, "tcp.refused")), Duration.ofMillis(1500));
        String text = new FleetText(false).render(result, FleetText.Details.NONE);
        List<String> lines = text.lines().collect(Collectors.toList());
        assertEquals("2 hosts checked in 1.5 s: 1 with problems, 1 without", lines.get(0));
        assertTrue(lines.get(2).matches("HOST\\s+ROOT CAUSE\\s+SEVERITY\\s+VERDICT"), lines.get(2));
        assertEquals("-- tcp.refused (critical): 1 host", lines.get(3));
        assertTrue(lines.get(4).matches("10\\.0\\.0\\.2:3389\\s+tcp\\.refused\\s+critical\\s+title of tcp\\.refused"), lines.get(4));
        assertEquals("-- healthy (ok): 1 host", lines.get(5));
        assertEquals(7, lines.size());
    }

    @Test
    void details_problemsOnly_showsOneBlockPerRootCauseWithProblems() {
        FleetResult result = new FleetResult(List.of(
                host("10.0.0.1", Severity.OK, "healthy"),
                host("10.0.0.2", Severity.CRITICAL, "tcp.refused")), Duration.ofMillis(1500));
        String problems = new FleetText(false).render(result, FleetText.Details.PROBLEMS);
        assertTrue(problems.contains("== tcp.refused (critical): 1 host =="), problems);
        assertFalse(problems.contains("== healthy"), problems);
        String all = new FleetText(false).render(result, FleetText.Details.ALL);
        assertTrue(all.contains("== healthy (ok): 1 host =="), all);
    }

    @Test
    void details_manyHostsWithOneRootCause_printTheFixOnce_andListTheHosts() {
        List<HostResult> hosts = new java.util.ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            hosts.add(host("10.0.0." + i, Severity.CRITICAL, "tcp.refused"));
        }
        String text = new FleetText(false).render(new FleetResult(hosts, Duration.ofMillis(1500)), FleetText.Details.PROBLEMS);
        assertEquals(1, text.split("== tcp.refused", -1).length - 1, text);
        assertTrue(text.contains("hosts: 10.0.0.1:3389, 10.0.0.2:3389"), text);
        assertTrue(text.contains("10.0.0.25:3389"), text);
        assertEquals(1, text.split("title of tcp.refused  tcp.refused", -1).length - 1, "the root cause once: " + text);
    }

    @Test
    void hostileVerdict_cannotReachTheTerminalRaw() {
        Target target = new Target("10.0.0.9", 3389, "10.0.0.9");
        HostResult hostile = new HostResult.Checked(target, new Report(target, Instant.EPOCH, 1, "\u001b[2Jgone",
                List.of(new Diagnosis("rdp.not-rdp", Severity.CRITICAL, Confidence.CERTAIN, "t", "", List.of(), List.of(), List.of())),
                Findings.empty()));
        String text = new FleetText(false).summary(new FleetResult(List.of(hostile), Duration.ZERO));
        assertFalse(text.contains("\u001b"), text);
        assertTrue(text.contains("?[2Jgone"), text);
    }
}
