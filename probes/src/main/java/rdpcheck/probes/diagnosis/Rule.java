package rdpcheck.probes.diagnosis;

import java.util.Optional;

/** One small rule: looks at what the probes saw and names at most one diagnosis. */
@FunctionalInterface
interface Rule {

    Optional<Match> apply(Observations seen);
}
