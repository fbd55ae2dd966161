package rdpcheck.probes.report;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An earlier check of the same target as the history keeps it for comparisons: when, whether it
 * found problems, and its {@link ChangeFacts facts}.
 */
public record Earlier(Instant checkedAt, boolean problems, Map<String, String> facts) {

    public Earlier {
        Objects.requireNonNull(checkedAt, "checkedAt");
        facts = Map.copyOf(facts);
    }
}
