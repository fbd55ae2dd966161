package rdpcheck.probes;

import java.time.Duration;

/** How one probe ended. A probe never ends in an exception: every way out is one of these. */
public sealed interface ProbeOutcome {

    Duration took();

    /** The probe held its conversation with the host; what it saw is in {@code result}. */
    record Completed(Object result, Duration took) implements ProbeOutcome {
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
