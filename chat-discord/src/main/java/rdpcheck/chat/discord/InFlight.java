package rdpcheck.chat.discord;

import java.time.Duration;

/** Conversations acknowledged but not yet answered, so shutdown can let them finish before JDA stops. */
final class InFlight {

    private int count;

    synchronized void begin() {
        count++;
    }

    synchronized void end() {
        count--;
        notifyAll();
    }

    synchronized int count() {
        return count;
    }

    /** True when none is left within {@code timeout}. */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (count > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
