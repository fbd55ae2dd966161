package rdpcheck.probes;

import java.time.Duration;
import java.time.Instant;

/** The findings of one check of one target, and when it ran. */
public record CheckRun(Target target, Findings findings, Instant startedAt, Duration elapsed) {
}
