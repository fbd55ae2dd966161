package rdpcheck.checks;

import java.time.Duration;
import java.util.Objects;

import rdpcheck.probes.report.Report;

/**
 * Answers shared by the replicas of one store ({@code store.url} on PostgreSQL): before a
 * {@link CheckService} probes a target, it {@linkplain #find asks} whether another replica checked it
 * within {@code cache.ttl}, or is checking it now (then it waits for that report, bounded), else it
 * holds the claim on the run until it {@linkplain #publish publishes} the report. Calls block for at
 * most about a check's deadline and never throw: a store that cannot be used is {@link Alone}.
 */
public interface SharedAnswers {

    /** No store shared: every run probes. */
    SharedAnswers NONE = new SharedAnswers() {
        @Override
        public Outcome find(String key, Duration maxAge) {
            return new Alone("no shared store");
        }

        @Override
        public void publish(Claimed claim, Report report) {
        }

        @Override
        public void release(Claimed claim) {
        }
    };

    /**
     * What the store says about a run of {@code key} ({@code Target#key()}, the in-process cache's key):
     * a report finished at most {@code maxAge} ago (zero: only one finished after this call began), the
     * claim on the run for this replica, or probe alone.
     */
    Outcome find(String key, Duration maxAge);

    /** The claimed run's report, for the other replicas; the claim ends. */
    void publish(Claimed claim, Report report);

    /** The claimed run ended without a report: another replica may claim it at once. */
    void release(Claimed claim);

    /** Lets go of the store. */
    default void close() {
    }

    /** What {@link #find} found. */
    sealed interface Outcome permits Found, Claimed, Alone {
    }

    /**
     * Another replica's report.
     *
     * @param age    how long ago its run finished
     * @param waited whether this replica waited for that run to finish (it was running when asked)
     */
    record Found(Report report, Duration age, boolean waited) implements Outcome {
        public Found {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(age, "age");
        }
    }

    /** This replica runs the check; the others wait for its report. */
    record Claimed(String key, String holder) implements Outcome {
        public Claimed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(holder, "holder");
        }
    }

    /** Probe without the others: no store, the store is down, or the run another replica claimed never came. */
    record Alone(String reason) implements Outcome {
        public Alone {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
