package rdpcheck.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import rdpcheck.probes.diagnosis.Severity;

/**
 * One earlier check as {@code history} lists it.
 *
 * @param rootCause the first diagnosis id, when there was one
 */
public record PastCheck(Instant checkedAt, Severity severity, boolean problems, String verdict,
                        Optional<String> rootCause, Asker asker, Duration took) {

    public PastCheck {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(rootCause, "rootCause");
        Objects.requireNonNull(asker, "asker");
        Objects.requireNonNull(took, "took");
    }
}
