package rdpcheck.store;

import java.time.Duration;

/**
 * The lease's times from {@code watch.failover}: a lease of two thirds of it, renewed (and, by the
 * others, tried) every sixth, so a dead leader's lease runs out and another replica takes it within
 * {@code length + every} (five sixths of the failover); a leader that could not renew stops leading
 * {@code margin} before its lease can run out in the database, so two never lead at once.
 */
record LeaseTiming(Duration length, Duration every, Duration margin) {

    static LeaseTiming of(Duration failover) {
        Duration length = failover.multipliedBy(2).dividedBy(3);
        Duration every = failover.dividedBy(6);
        Duration margin = length.dividedBy(10).compareTo(Duration.ofSeconds(1)) < 0 ? length.dividedBy(10) : Duration.ofSeconds(1);
        return new LeaseTiming(length, every, margin);
    }

    /** A statement's time limit: one renewal period, at least the one second JDBC can say. */
    int timeoutSeconds() {
        return (int) Math.max(1, every.toSeconds());
    }
}
