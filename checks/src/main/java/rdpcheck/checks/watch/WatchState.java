package rdpcheck.checks.watch;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.ChangeFacts;
import rdpcheck.probes.report.Report;

/**
 * What a watch remembers of its last run, all the alert rules compare with: when it ran, whether it
 * found problems, its critical diagnoses (id to title) and the facts changes are made of.
 *
 * @param at when the run's check ran; empty before the first run
 */
public record WatchState(Optional<Instant> at, boolean problems, Map<String, String> critical,
                         Map<String, String> facts) {

    /** A watch that has not run yet. */
    public static final WatchState NEVER = new WatchState(Optional.empty(), false, Map.of(), Map.of());

    public WatchState {
        Objects.requireNonNull(at, "at");
        critical = Map.copyOf(critical);
        facts = Map.copyOf(facts);
    }

    /**
     * The state a watch is in after {@code report}, following {@code previous}: facts this check could
     * not see (the certificate while the port was closed) keep their last known value, so a
     * certificate replaced during an outage is still a change once the host answers again. Addresses
     * and round trips are this check's only: one gone is a change of its own.
     */
    public static WatchState after(WatchState previous, Report report) {
        WatchState now = of(report);
        Map<String, String> facts = new TreeMap<>();
        previous.facts().forEach((name, value) -> {
            if (!name.startsWith(ChangeFacts.ADDRESS) && !name.startsWith(ChangeFacts.RTT)) {
                facts.put(name, value);
            }
        });
        facts.putAll(now.facts());
        return new WatchState(now.at(), now.problems(), now.critical(), facts);
    }

    /** The state a watch is in after {@code report}, with nothing known before it. */
    public static WatchState of(Report report) {
        Map<String, String> critical = new TreeMap<>();
        for (Diagnosis diagnosis : report.diagnoses()) {
            if (diagnosis.severity() == Severity.CRITICAL) {
                critical.putIfAbsent(diagnosis.id(), diagnosis.title());
            }
        }
        return new WatchState(Optional.of(report.checkedAt()), report.hasProblems(), critical,
                ChangeFacts.of(report.target(), report.findings()));
    }
}
