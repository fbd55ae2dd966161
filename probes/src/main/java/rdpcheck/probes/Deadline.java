package rdpcheck.probes;

import java.time.Duration;

/** A point in monotonic time by which work must end. */
public record Deadline(long nanoTime) {

    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    public Duration remaining() {
        long left = nanoTime - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean expired() {
        return nanoTime - System.nanoTime() <= 0;
    }

    /** The shorter of {@code limit} and what is left, in whole milliseconds, at least 1. */
    public int capMillis(Duration limit) {
        long millis = Math.min(limit.toMillis(), remaining().toMillis());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    /** The earlier of this deadline and one {@code duration} from now. */
    public Deadline within(Duration duration) {
        long other = System.nanoTime() + duration.toNanos();
        return other - nanoTime < 0 ? new Deadline(other) : this;
    }
}
