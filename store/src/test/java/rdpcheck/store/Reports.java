package rdpcheck.store;

import java.time.Instant;
import java.util.List;

import rdpcheck.probes.Findings;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Confidence;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;

/** Reports without a host behind them, for the store's own tests. */
public final class Reports {

    private Reports() {
    }

    /** A report of {@code target} at {@code at}, with one critical diagnosis when {@code problems}. */
    public static Report synthetic(Target target, Instant at, boolean problems) {
        List<Diagnosis> diagnoses = problems ? List.of(new Diagnosis("tcp.refused", Severity.CRITICAL, Confidence.CERTAIN,
                "nothing listens", "", List.of(), List.of(), List.of())) : List.of();
        return new Report(target, at, 1.0, target.key() + (problems ? ": refused" : ": fine"), diagnoses, Findings.empty());
    }

    public static Report withVerdict(Report report, String verdict) {
        return new Report(report.target(), report.checkedAt(), report.elapsedMillis(), verdict, report.diagnoses(),
                report.findings(), report.changes());
    }
}
