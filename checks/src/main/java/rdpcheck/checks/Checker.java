package rdpcheck.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import rdpcheck.probes.AddressGate;
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

    /**
     * {@link #check(Target)} connecting to at most {@code maxAddresses} of the addresses the name
     * resolves to (on top of the address gate's own cap): a chat command's hosts share one budget
     * of addresses ({@code limits.max_hosts_per_command}). A checker without an address gate of
     * its own checks as {@link #check(Target)} does.
     */
    default Report check(Target target, int maxAddresses) {
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
        Objects.requireNonNull(options, "options");
        Diagnostician diagnostician = new Diagnostician();
        List<CheckListener> listeners = new ArrayList<>(CheckListeners.installed());
        listeners.addAll(more);
        // the route picks the probes: an RD Gateway, a host, or a host and its gateway
        Checker probing = new Checker() {
            @Override
            public Report check(Target target) {
                return Report.of(new ProbeRunner(Probes.forTarget(target)).run(target, options), diagnostician);
            }

            @Override
            public Report check(Target target, int maxAddresses) {
                return Report.of(new ProbeRunner(Probes.forTarget(target)).run(target,
                        options.withGate(AddressGate.capped(options.gate(), maxAddresses))), diagnostician);
            }
        };
        return probing.heardBy(listeners);
    }

    /** This checker, with every finished check (or failure inside rdpcheck) told to {@code listeners}. */
    default Checker heardBy(List<CheckListener> listeners) {
        List<CheckListener> copy = List.copyOf(listeners);
        if (copy.isEmpty()) {
            return this;
        }
        Checker inner = this;
        return new Checker() {
            @Override
            public Report check(Target target) {
                return heard(target, () -> inner.check(target));
            }

            @Override
            public Report check(Target target, int maxAddresses) {
                return heard(target, () -> inner.check(target, maxAddresses));
            }

            private Report heard(Target target, java.util.function.Supplier<Report> check) {
                long started = System.nanoTime();
                Report report;
                try {
                    report = check.get();
                } catch (RuntimeException | Error e) {
                    CheckListeners.tell(copy, listener -> listener.failed(target, e, Duration.ofNanos(System.nanoTime() - started)));
                    throw e;
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                CheckListeners.tell(copy, listener -> listener.checked(target, report, took));
                return report;
            }
        };
    }
}
