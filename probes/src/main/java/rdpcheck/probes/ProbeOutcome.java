package rdpcheck.probes;

import java.time.Duration;

/** How one probe ended. A probe never ends in an exception: every way out is one of these. */
public sealed interface ProbeOutcome {

    Duration took();

    /** One word for reports: {@code ok}, {@code failed}, {@code timed out} or {@code skipped}. */
    default String status() {
        if (this instanceof Completed) {
            return "ok";
        }
        if (this instanceof Failed) {
            return "failed";
        }
        return this instanceof TimedOut ? "timed out" : "skipped";
    }

    /** Why a probe failed or was skipped, on one line; empty otherwise. */
    default String why() {
        String reason = "";
        if (this instanceof Failed failed) {
            reason = failed.reason();
        } else if (this instanceof Skipped skipped) {
            reason = skipped.reason();
        }
        return reason.replace('\n', ' ');
    }

    /**
     * The probe held its conversation with the host; what it saw is in {@code result}, of the type
     * its {@link ProbeId} names (checked by {@link Findings}). Read it with
     * {@link Findings#result(ProbeId)}, which returns it typed.
     */
    record Completed(Object result, Duration took) implements ProbeOutcome {
        public Completed {
            java.util.Objects.requireNonNull(result, "result");
        }
    }

    /** The probe could not do its job; {@code reason} says why in words fit for a report. */
    record Failed(String reason, Duration took) implements ProbeOutcome {
    }

    /** The probe was still running when its time limit or the check's deadline came. */
    record TimedOut(Duration took) implements ProbeOutcome {
    }

    /** The probe did not run: a probe it needs found nothing to build on, or it does not apply. */
    record Skipped(String reason) implements ProbeOutcome {
        @Override
        public Duration took() {
            return Duration.ZERO;
        }
    }
}
