package rdpcheck.probes.net;

import java.time.Duration;

import rdpcheck.probes.Deadline;

/**
 * How many connections of one check may be open to one host at once, adapting to how the host
 * copes, the way TCP's congestion window does: it starts at {@link #START}, grows by one each time
 * a connection gets its first answer, up to the configured bound, and falls back to one at the
 * first sign of a crowded server (a SYN that had to be resent, a connection refused or closed
 * before any answer). xrdp listens with a backlog of 2 and some servers drop simultaneous TLS
 * handshakes: a burst hurts them and yields wrong answers.
 *
 * <p>A connection that has sent its request and heard nothing for {@link #PARKED_AFTER} (or four of
 * its connect times, on a far host) stops
 * counting: a server that is not answering is not working on it, and a silent server would
 * otherwise make the check wait for one silence after another until the deadline.
 */
public final class HostSchedule {

    /** The default of {@code probe.max_connections_per_host}. */
    public static final int DEFAULT_MAX = 4;
    /** The window a check starts with. */
    static final int START = 2;
    /** Linux resends a lost SYN after 1 s: a connect this slow lost one. */
    static final Duration SLOW_CONNECT = Duration.ofMillis(900);
    /** Parked after this, or after four connect times when that is longer (a far host answers later). */
    static final Duration PARKED_AFTER = Duration.ofMillis(250);

    private final int max;
    private int window;
    private int inFlight;
    private int mostInFlight;
    private int opened;

    public HostSchedule(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one connection per host");
        }
        this.max = max;
        this.window = Math.min(START, max);
    }

    /** Waits for a place before connecting; false when the deadline came first. */
    synchronized boolean acquire(Deadline deadline) throws InterruptedException {
        while (inFlight >= window) {
            long millis = deadline.remaining().toMillis();
            if (millis <= 0) {
                return false;
            }
            wait(millis);
        }
        inFlight++;
        opened++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        return true;
    }

    synchronized void release() {
        inFlight--;
        notifyAll();
    }

    /** A connection got its first answer promptly: one more may be open. */
    synchronized void answered() {
        window = Math.min(max, window + 1);
        notifyAll();
    }

    /** A connection was dropped, refused, reset or slow to connect: one at a time from now on. */
    synchronized void crowded() {
        window = 1;
    }

    public int max() {
        return max;
    }

    /** The most connections that counted at once so far. */
    public synchronized int mostInFlight() {
        return mostInFlight;
    }

    /** Connections opened through this schedule so far. */
    public synchronized int opened() {
        return opened;
    }

    synchronized int window() {
        return window;
    }
}
