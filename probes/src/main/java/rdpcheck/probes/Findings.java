package rdpcheck.probes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the probes of one check saw: one outcome per probe that was planned, in the order given
 * (the runner's plan order, or a report's order when read back). Immutable; the runner builds a
 * new one as probes finish.
 *
 * <p>A completed outcome always holds a result of its probe's {@link ProbeId#type()}: that is
 * checked here, where outcomes come in, so {@link #result(ProbeId)} needs no check on the way out.
 */
public final class Findings {

    private final Map<ProbeId<?>, ProbeOutcome> outcomes;

    public Findings(Map<ProbeId<?>, ProbeOutcome> outcomes) {
        outcomes.forEach(Findings::checkType);
        this.outcomes = outcomes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    public static Findings empty() {
        return new Findings(Map.of());
    }

    /** These findings and {@code outcome} for {@code id} (replacing any it had). */
    public Findings with(ProbeId<?> id, ProbeOutcome outcome) {
        Map<ProbeId<?>, ProbeOutcome> copy = new LinkedHashMap<>(outcomes);
        copy.put(id, outcome);
        return new Findings(copy);
    }

    /** A completed probe with {@code result}: {@code with(id, new Completed(result, took))}, typed. */
    public <R> Findings withResult(ProbeId<R> id, R result, java.time.Duration took) {
        return with(id, new ProbeOutcome.Completed(result, took));
    }

    public Map<ProbeId<?>, ProbeOutcome> outcomes() {
        return outcomes;
    }

    public Optional<ProbeOutcome> outcome(ProbeId<?> id) {
        return Optional.ofNullable(outcomes.get(id));
    }

    /** What the probe {@code id} saw, if it completed. */
    public <R> Optional<R> result(ProbeId<R> id) {
        return outcomes.get(id) instanceof ProbeOutcome.Completed completed
                ? Optional.of(id.type().cast(completed.result()))
                : Optional.empty();
    }

    private static void checkType(ProbeId<?> id, ProbeOutcome outcome) {
        if (outcome instanceof ProbeOutcome.Completed completed && !id.type().isInstance(completed.result())) {
            throw new IllegalArgumentException("the " + id.label() + " probe's result is a "
                    + id.type().getSimpleName() + ", not a " + completed.result().getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "Findings" + outcomes;
    }
}
