package rdpcheck.probes;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the probes of one check saw: one outcome per probe that was planned. Immutable; the
 * runner builds a new one as probes finish.
 */
public final class Findings {

    private final Map<ProbeId, ProbeOutcome> outcomes;

    public Findings(Map<ProbeId, ProbeOutcome> outcomes) {
        this.outcomes = outcomes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(outcomes));
    }

    public static Findings empty() {
        return new Findings(Map.of());
    }

    public Findings with(ProbeId id, ProbeOutcome outcome) {
        Map<ProbeId, ProbeOutcome> copy = outcomes.isEmpty() ? new EnumMap<>(ProbeId.class) : new EnumMap<>(outcomes);
        copy.put(id, outcome);
        return new Findings(copy);
    }

    public Map<ProbeId, ProbeOutcome> outcomes() {
        return outcomes;
    }

    public Optional<ProbeOutcome> outcome(ProbeId id) {
        return Optional.ofNullable(outcomes.get(id));
    }

    /** The result of the probe that produces {@code type}, if that probe completed. */
    public <R> Optional<R> result(Class<R> type) {
        for (ProbeOutcome outcome : outcomes.values()) {
            if (outcome instanceof ProbeOutcome.Completed completed && type.isInstance(completed.result())) {
                return Optional.of(type.cast(completed.result()));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Findings" + outcomes;
    }
}
