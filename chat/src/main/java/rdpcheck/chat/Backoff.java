package rdpcheck.chat;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(cap, base * 2^(n-1))}. Half is kept so that retries never bunch at zero; the random
 * half spreads many bots restarted together (a network outage ends for all of them at once).
 *
 * @param base   the first wait (5 s in {@code serve})
 * @param cap    the longest wait (5 min in {@code serve})
 * @param random where the jitter comes from (tests pass a seeded one)
 */
public record Backoff(Duration base, Duration cap, RandomGenerator random) {

    /** What {@code serve} uses: 5 s, doubling, at most 5 minutes. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), RandomGenerator.getDefault());
    }

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff: need 0 < base <= cap, got " + base + ", " + cap);
        }
    }

    /** The wait before attempt {@code failures + 1}, after {@code failures} failed ones (at least 1). */
    public Duration delay(int failures) {
        long ceiling = ceiling(failures).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    /** The same, but never shorter than what the platform asked for (429 Retry-After). */
    public Duration delay(int failures, ConnectFailure failure) {
        Duration delay = delay(failures);
        return failure.retryAfter().filter(asked -> asked.compareTo(delay) > 0).orElse(delay);
    }

    /** The upper bound of the wait after {@code failures} failures, before jitter. */
    public Duration ceiling(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        long millis = base.toMillis();
        for (int i = 0; i < doublings && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }
}
