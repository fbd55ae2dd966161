package rdpcheck.checks;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import rdpcheck.probes.report.Report;

/**
 * A finished check as a request receives it.
 *
 * @param report    what the probes found and what it means
 * @param freshness whether this request ran the probes, shared a run or got a cached report
 * @param age       how long ago the probes finished, when the answer was handed out
 */
public record Answer(Report report, Freshness freshness, Duration age) {

    public enum Freshness {
        /** This request started the probe run. */
        NEW,
        /** Another request had started the same run; this one waited for it. */
        SHARED,
        /** A report from the cache. */
        CACHED
    }

    public Answer {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(age, "age");
    }

    /** E.g. {@code "cached result from 42 s ago (add `fresh` to re-run)"}; empty for a new run. */
    public String ageNote() {
        if (freshness != Freshness.CACHED) {
            return "";
        }
        return "cached result from " + describe(age) + " ago (add `fresh` to re-run)";
    }

    public static String describe(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 90 * 60) {
            return String.format(Locale.ROOT, "%d min", Math.round(seconds / 60.0));
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
