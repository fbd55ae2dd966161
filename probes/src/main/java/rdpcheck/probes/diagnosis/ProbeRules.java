package rdpcheck.probes.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;

/** Rules on the check itself: probes that ran out of time or broke say what is still unknown. */
final class ProbeRules {

    private ProbeRules() {
    }

    static List<Rule> all() {
        return List.of(ProbeRules::probeTimeout, ProbeRules::probeFailed);
    }

    static Optional<Match> probeTimeout(Observations seen) {
        List<String> names = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<ProbeId<?>, ProbeOutcome> entry : seen.outcomes().entrySet()) {
            if (entry.getValue() instanceof ProbeOutcome.TimedOut timedOut) {
                names.add(entry.getKey().label());
                evidence.add(entry.getKey().label() + " probe: timed out after " + timedOut.took().toMillis() + " ms");
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(seen.match("probe.timeout").fact("probes", String.join(", ", names)).evidence(evidence).build());
    }

    static Optional<Match> probeFailed(Observations seen) {
        List<String> names = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<ProbeId<?>, ProbeOutcome> entry : seen.outcomes().entrySet()) {
            if (entry.getValue() instanceof ProbeOutcome.Failed failed) {
                names.add(entry.getKey().label());
                evidence.add(entry.getKey().label() + " probe: " + failed.reason());
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(seen.match("probe.failed").fact("probes", String.join(", ", names)).evidence(evidence).build());
    }
}
