package rdpcheck.checks;

import java.util.Objects;

import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;

/** How the check of one host of a fleet ended. */
public sealed interface HostResult {

    /** Root-cause id of a host whose check produced no diagnosis at all. */
    String NO_DIAGNOSIS = "none";
    /** Root-cause id of a host whose check itself broke (a bug, not a finding about the host). */
    String CHECK_ERROR = "error";

    Target target();

    /** The id of the first-ranked diagnosis (the root cause), {@link #NO_DIAGNOSIS} or {@link #CHECK_ERROR}. */
    String rootCause();

    /** The severity of the root cause; a broken check counts as critical (nothing is known). */
    Severity severity();

    /** One sentence for the summary table. */
    String verdict();

    boolean hasProblems();

    /** The check ran; the report says what it found. */
    record Checked(Target target, Report report) implements HostResult {
        public Checked {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(report, "report");
        }

        @Override
        public String rootCause() {
            return report.diagnoses().isEmpty() ? NO_DIAGNOSIS : report.diagnoses().get(0).id();
        }

        @Override
        public Severity severity() {
            return report.headline();
        }

        @Override
        public String verdict() {
            // The diagnostician's verdict starts with the host; the table has its own host column.
            String verdict = report.verdict();
            String prefix = target.key() + ": ";
            return verdict.startsWith(prefix) ? verdict.substring(prefix.length()) : verdict;
        }

        @Override
        public boolean hasProblems() {
            return report.hasProblems();
        }
    }

    /** The check could not be carried out (an internal error); nothing is known about the host. */
    record Broken(Target target, String reason) implements HostResult {
        public Broken {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String rootCause() {
            return CHECK_ERROR;
        }

        @Override
        public Severity severity() {
            return Severity.CRITICAL;
        }

        @Override
        public String verdict() {
            return "the check failed: " + reason;
        }

        @Override
        public boolean hasProblems() {
            return true;
        }
    }
}
