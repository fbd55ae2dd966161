package rdpcheck.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.Findings;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Confidence;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;

public class FleetResultTest {

    /** A checked host whose report has {@code ids} as its diagnoses (shared with the renderers' tests). */
    public static HostResult host(String address, Severity severity, String... ids) {
        Target target = new Target(address, 3389, address);
        List<Diagnosis> diagnoses = java.util.Arrays.stream(ids)
                .map(id -> new Diagnosis(id, severity, Confidence.CERTAIN, "title of " + id, "", List.of(), List.of(), List.of()))
                .collect(Collectors.toList());
        String verdict = target.key() + ": " + (ids.length == 0 ? "no diagnosis" : "title of " + ids[0]);
        return new HostResult.Checked(target, new Report(target, Instant.EPOCH, 1.0, verdict, diagnoses, Findings.empty()));
    }

    static List<String> addresses(FleetResult.Group group) {
        return group.hosts().stream().map(h -> h.target().host()).collect(Collectors.toList());
    }

    @Test
    void groups_byRootCause_worstSeverityFirstThenBiggest() {
        FleetResult result = new FleetResult(List.of(
                host("10.0.0.1", Severity.OK, "healthy"),
                host("10.0.0.2", Severity.CRITICAL, "tcp.refused"),
                host("10.0.0.3", Severity.WARNING, "cert.expiring-soon"),
                host("10.0.0.4", Severity.CRITICAL, "cert.expired", "cert.self-signed"),
                host("10.0.0.5", Severity.CRITICAL, "tcp.refused"),
                new HostResult.Broken(new Target("10.0.0.6", 3389, "10.0.0.6"), "boom")), Duration.ofSeconds(1));

        List<FleetResult.Group> groups = result.groups();
        assertEquals(List.of("tcp.refused", "cert.expired", "error", "cert.expiring-soon", "healthy"),
                groups.stream().map(FleetResult.Group::rootCause).collect(Collectors.toList()));
        assertEquals(List.of("10.0.0.2", "10.0.0.5"), addresses(groups.get(0)));
        assertEquals(Severity.CRITICAL, groups.get(2).severity());
        assertTrue(result.hasProblems());
        assertEquals(5, result.problemCount());
    }

    @Test
    void hostWithoutDiagnoses_groupsAsNoneAndIsNoProblem() {
        FleetResult result = new FleetResult(List.of(host("10.0.0.1", Severity.OK), host("10.0.0.2", Severity.INFO, "latency.high")),
                Duration.ofMillis(500));
        assertEquals(List.of("latency.high", "none"),
                result.groups().stream().map(FleetResult.Group::rootCause).collect(Collectors.toList()));
        assertFalse(result.hasProblems());
        assertEquals(4.0, result.hostsPerSecond(), 1e-9);
    }
}
