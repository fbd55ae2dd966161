package rdpcheck.checks;

import java.time.Duration;

import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

/**
 * Hears about every check the pipeline finishes, whoever asked for it (chat, console,
 * {@code rdpcheck check}, fleets): metrics, logs, and whatever needs every result (history).
 * A cached answer is not a check: listeners hear each probe run once, however many requests
 * shared it.
 *
 * <p>To add one, implement this interface with a public no-argument constructor and name the
 * class in {@code META-INF/services/rdpcheck.checks.CheckListener}; {@link CheckListeners} finds
 * it. Listeners are called on the checking thread, one after the other: they must be quick (hand
 * slow work to a thread of their own) and must not throw (what they throw is logged and ignored).
 */
public interface CheckListener {

    /** A check ended with its report. */
    default void checked(Target target, Report report, Duration took) {
    }

    /** A check ended with its report; {@code asker} is who asked and where. By default, {@link #checked(Target, Report, Duration)}. */
    default void checked(Target target, Report report, Duration took, Asker asker) {
        checked(target, report, took);
    }

    /** A check failed inside rdpcheck (a bug: the probes report the host's faults as findings). */
    default void failed(Target target, Throwable error, Duration took) {
    }
}
