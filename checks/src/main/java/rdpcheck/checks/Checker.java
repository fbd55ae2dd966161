package rdpcheck.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.probes.report.Report;

/**
 * Runs one check to its report: the one pipeline every way of asking goes through (chat through
 * {@link CheckService}, the console, {@code rdpcheck check}, fleets through {@link FleetRunner}).
 * Blocking; callers run it on their own workers.
 */
@FunctionalInterface
public interface Checker {

    Report check(Target target);

    /** {@link #check(Target)}, for {@code asker}: what listeners and the history hear. */
    default Report check(Target target, Asker asker) {
        return check(target);
    }

    /**
     * The probes of each target's route ({@link Probes#forTarget}) and the diagnosis rules under {@code options} (deadline, address gate), heard
     * by the {@linkplain CheckListeners#installed() installed listeners}.
     */
    static Checker standard(ProbeOptions options) {
        return standard(options, List.of());
    }

    /** {@link #standard(ProbeOptions)}, heard by {@code more} listeners too (after the installed ones). */
    static Checker standard(ProbeOptions options, List<CheckListener> more) {
        return standard(options, History.NONE, more);
    }

    /**
     * {@link #standard(ProbeOptions)}, each report compared with the earlier checks of its target in
     * {@code history} and then kept there (after the installed listeners heard it).
     */
    static Checker standard(ProbeOptions options, History history) {
        return standard(options, history, List.of());
    }

    private static Checker standard(ProbeOptions options, History history, List<CheckListener> more) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(history, "history");
        Diagnostician diagnostician = new Diagnostician();
        List<CheckListener> listeners = new ArrayList<>(CheckListeners.installed());
        listeners.addAll(more);
        if (history != History.NONE) {
            listeners.add(history);
        }
        // the route picks the probes: an RD Gateway, a host, or a host and its gateway
        Checker probing = target -> Report.of(new ProbeRunner(Probes.forTarget(target)).run(target, options), diagnostician);
        return probing.comparedIn(history).heardBy(listeners);
    }

    /** This checker, each report {@linkplain History#compared compared} with the earlier checks in {@code history}. */
    default Checker comparedIn(History history) {
        Objects.requireNonNull(history, "history");
        if (history == History.NONE) {
            return this;
        }
        Checker inner = this;
        return (Asking) (target, asker) -> history.compared(inner.check(target, asker));
    }

    /** This checker, with every finished check (or failure inside rdpcheck) told to {@code listeners}. */
    default Checker heardBy(List<CheckListener> listeners) {
        List<CheckListener> copy = List.copyOf(listeners);
        if (copy.isEmpty()) {
            return this;
        }
        Checker inner = this;
        return (Asking) (target, asker) -> {
            long started = System.nanoTime();
            Report report;
            try {
                report = inner.check(target, asker);
            } catch (RuntimeException | Error e) {
                CheckListeners.tell(copy, listener -> listener.failed(target, e, Duration.ofNanos(System.nanoTime() - started)));
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            CheckListeners.tell(copy, listener -> listener.checked(target, report, took, asker));
            return report;
        };
    }

    /** A checker written for {@link #check(Target, Asker)}; asked without an asker, nobody is known. */
    @FunctionalInterface
    interface Asking extends Checker {
        @Override
        Report check(Target target, Asker asker);

        @Override
        default Report check(Target target) {
            return check(target, Asker.unknown());
        }
    }
}
