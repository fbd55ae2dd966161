package rdpcheck.checks;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.report.Report;

/**
 * One log line per check: DEBUG for a report (what was checked, how long, the root cause), WARN
 * with the stack trace for a failure inside rdpcheck, which would otherwise reach the user only as
 * one sentence.
 */
final class LogListener implements CheckListener {

    private static final Logger LOG = LoggerFactory.getLogger("rdpcheck.checks");

    @Override
    public void checked(Target target, Report report, Duration took) {
        if (LOG.isDebugEnabled()) {
            String rootCause = report.diagnoses().isEmpty() ? "none" : report.diagnoses().get(0).id();
            LOG.debug("checked {} in {} ms: {} (root cause {}; {})", target.key(), took.toMillis(),
                    report.worstSeverity(), rootCause,
                    String.join(", ", report.diagnoses().stream().map(Diagnosis::id).toList()));
        }
    }

    @Override
    public void failed(Target target, Throwable error, Duration took) {
        LOG.warn("the check of {} failed inside rdpcheck after {} ms", target.key(), took.toMillis(), error);
    }
}
