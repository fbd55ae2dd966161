package rdpcheck.checks.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import rdpcheck.probes.Target;

/**
 * A host checked on a schedule, its alerts going to one channel.
 *
 * @param id      the store's number for it
 * @param every   how often it runs: one of {@link #EVERY}
 * @param addedBy who added it (a chat user id, or the operator's login name)
 * @param nextDue when it runs next
 * @param paused  why it is paused (the target policy no longer allows the target); empty while it runs
 * @param state   what its last run found
 */
public record Watch(long id, Target target, WatchChannel channel, Duration every, String addedBy, Instant addedAt,
                    Instant nextDue, Optional<String> paused, WatchState state) {

    /** The intervals a watch may have: {@code 30m}, {@code 1h}, {@code 6h}, {@code 1d}. */
    public static final List<Duration> EVERY = List.of(Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofDays(1));

    /** Without {@code every}: hourly. */
    public static final Duration DEFAULT_EVERY = Duration.ofHours(1);

    public Watch {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(addedBy, "addedBy");
        Objects.requireNonNull(addedAt, "addedAt");
        Objects.requireNonNull(nextDue, "nextDue");
        Objects.requireNonNull(paused, "paused");
        Objects.requireNonNull(state, "state");
    }

    /** {@code 30m}, {@code 1h}, {@code 6h} or {@code 1d} (also {@code 30min}, {@code 60m}, {@code 24h}); empty for anything else. */
    public static Optional<Duration> every(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Duration d : EVERY) {
            if (t.equals(words(d)) || t.equals(d.toMinutes() + "m") || t.equals(d.toMinutes() + "min")
                    || (d.toMinutes() % 60 == 0 && t.equals(d.toHours() + "h"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** {@code 30m}, {@code 1h}, {@code 6h}, {@code 1d}. */
    public static String words(Duration every) {
        if (every.toMinutes() < 60) {
            return every.toMinutes() + "m";
        }
        if (every.toHours() < 24 || every.toHours() % 24 != 0) {
            return every.toHours() + "h";
        }
        return every.toDays() + "d";
    }
}
