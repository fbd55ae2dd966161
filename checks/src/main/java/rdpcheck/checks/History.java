package rdpcheck.checks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

/**
 * What the pipeline remembers of earlier checks (the store module keeps it): each new report is
 * {@linkplain #compared compared} with the earlier checks of its target before anyone sees it, and
 * then {@linkplain #checked kept}. Never throws: when the store cannot be used, checks go on without
 * it and {@link #off()} says why.
 */
public interface History extends CheckListener {

    /** Nothing remembered: {@code store.url} is {@code none}. */
    History NONE = off("history is off (store.url is none)");

    /** Nothing remembered, because of {@code reason} (one line for people). */
    static History off(String reason) {
        return new History() {
            @Override
            public Report compared(Report report) {
                return report;
            }

            @Override
            public List<PastCheck> recent(Target target, int limit) {
                return List.of();
            }

            @Override
            public Optional<String> off() {
                return Optional.of(reason);
            }
        };
    }

    /** Most checks {@link #recent} lists at once. */
    int MAX_RECENT = 100;

    /** {@code report} with what changed since earlier checks of its target (unchanged when none are known). */
    Report compared(Report report);

    /** Keeps the check: called after {@link #compared}, with who asked. */
    @Override
    default void checked(Target target, Report report, Duration took, Asker asker) {
    }

    /** The last checks of {@code target}, newest first, at most {@code limit} (and {@link #MAX_RECENT}). */
    List<PastCheck> recent(Target target, int limit);

    /** Why nothing is remembered, when that is so: one line for people. */
    Optional<String> off();

    /** Lets go of the store. */
    default void close() {
    }
}
