package rdpcheck.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import rdpcheck.checks.Asker;
import rdpcheck.checks.PastCheck;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.report.ChangeFacts;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/**
 * One check as the store keeps it: when, which target ({@link rdpcheck.probes.Target#key()}), the
 * outcome in short, who asked, the report in the JSON contract, and the facts changes are made of.
 */
public record CheckRecord(String target, Instant checkedAt, PastCheck summary, String reportJson,
                          Map<String, String> facts) {

    public CheckRecord {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(reportJson, "reportJson");
        facts = Map.copyOf(facts);
    }

    /** The record of a finished check. */
    public static CheckRecord of(Report report, Duration took, Asker asker) {
        PastCheck summary = new PastCheck(report.checkedAt(), report.headline(), report.hasProblems(), report.verdict(),
                report.diagnoses().stream().findFirst().map(Diagnosis::id), asker, took);
        return new CheckRecord(report.target().key(), report.checkedAt(), summary, ReportJson.write(report, false),
                ChangeFacts.of(report.target(), report.findings()));
    }

    public Optional<String> rootCause() {
        return summary.rootCause();
    }
}
