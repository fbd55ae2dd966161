package rdpcheck.checks.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.Target;

/**
 * Where watches and their alerts are kept (the store module keeps them beside the history, in
 * SQLite or a PostgreSQL several replicas share). Every method may throw {@link Unavailable} when
 * the store cannot be used; its message is one line for people.
 */
public interface Watches {

    /** No store: {@code store.url} is {@code none}, or it could not be opened; {@code reason} says which. */
    static Watches off(String reason) {
        return new Off(reason);
    }

    /** Why watches cannot be kept, when that is so. */
    Optional<String> off();

    /**
     * Adds a watch of {@code target} in {@code channel}, or changes how often an existing one runs;
     * refuses a new one past {@code maxPerChannel} in the channel or {@code maxTotal} in all. Its
     * first run is due at {@code firstRun}.
     */
    Added add(Target target, WatchChannel channel, Duration every, String addedBy, Instant now, Instant firstRun,
              int maxPerChannel, int maxTotal);

    /** Removes the watch of {@code target} in {@code channel} and its alerts; false when there was none. */
    boolean remove(WatchChannel channel, Target target);

    /** The watches of {@code channel}, by target. */
    List<Watch> list(WatchChannel channel);

    /** Every watch, by channel and target. */
    List<Watch> all();

    /** Watches due at {@code now} (paused ones included: their policy is asked again), soonest first, at most {@code limit}. */
    List<Watch> due(Instant now, int limit);

    /** Moves the watch's next run to {@code nextDue}; false when it is gone. */
    boolean reschedule(long id, Instant nextDue);

    /** Keeps what the run found. */
    void ran(long id, WatchState state);

    /** Pauses the watch for {@code reason}; true only for the call that paused it (so it is said once). */
    boolean pause(long id, String reason);

    /** Lets a paused watch run again; true only for the call that resumed it. */
    boolean resume(long id);

    /**
     * Keeps {@code event} of watch {@code id} unless it is kept already: true only for the one call,
     * of any replica, that kept it. Called before the alert is posted, and the alert is posted only
     * when it returns true: no alert is posted twice.
     */
    boolean claim(long id, AlertEvent event, Instant at);

    /** The outcome of {@link #add}. */
    sealed interface Added {
        /** A new watch. */
        record New(Watch watch) implements Added {
        }

        /** The channel watched the target already; {@code watch} has the interval asked for now. */
        record Updated(Watch watch) implements Added {
        }

        /** Refused: {@code reason} names the bound ({@code watch.max_per_channel}, {@code watch.max_total}). */
        record Full(String reason) implements Added {
        }
    }

    /** The store failed; the message is one line for people. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        public Unavailable(String message) {
            super(message);
        }
    }

    /** {@link #off(String)}: reads are empty, writes say why. */
    record Off(String reason) implements Watches {
        @Override
        public Optional<String> off() {
            return Optional.of(reason);
        }

        @Override
        public Added add(Target target, WatchChannel channel, Duration every, String addedBy, Instant now,
                         Instant firstRun, int maxPerChannel, int maxTotal) {
            throw new Unavailable(reason);
        }

        @Override
        public boolean remove(WatchChannel channel, Target target) {
            throw new Unavailable(reason);
        }

        @Override
        public List<Watch> list(WatchChannel channel) {
            return List.of();
        }

        @Override
        public List<Watch> all() {
            return List.of();
        }

        @Override
        public List<Watch> due(Instant now, int limit) {
            return List.of();
        }

        @Override
        public boolean reschedule(long id, Instant nextDue) {
            return false;
        }

        @Override
        public void ran(long id, WatchState state) {
        }

        @Override
        public boolean pause(long id, String reason) {
            return false;
        }

        @Override
        public boolean resume(long id) {
            return false;
        }

        @Override
        public boolean claim(long id, AlertEvent event, Instant at) {
            return false;
        }
    }
}
