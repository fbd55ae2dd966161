package rdpcheck.probes.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

import rdpcheck.probes.Deadline;

/**
 * Runs the independent connections of one probe (one per protocol set, one per TLS version)
 * side by side, so a probe costs one round trip of latency rather than one per leg. Each leg
 * bounds its own I/O through {@link Connection}; the wait here is bounded by the deadline too.
 */
public final class Legs {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "rdpcheck-leg-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Before a leg is tried again alone. */
    static final java.time.Duration RETRY_PAUSE = java.time.Duration.ofMillis(100);

    private Legs() {
    }

    /**
     * Runs every leg and returns their results in order. A leg that throws or is still running at
     * the deadline is answered by {@code onFailure} (with a {@link TimeoutException} for the latter).
     */
    public static <T> List<T> runAll(List<Callable<T>> legs, Deadline deadline, Function<Throwable, T> onFailure)
            throws InterruptedException {
        return runAll(legs, deadline, onFailure, result -> false);
    }

    /**
     * The same; then each leg whose result {@code retryAlone} flags (or that has none) while a
     * sibling's result is fine runs once more, alone, one after another, and its new result counts.
     * A server whose accept queue is shorter than the burst (xrdp listens with a backlog of 2)
     * drops or stalls connections it answers when they come one at a time, so a leg that failed next
     * to answered siblings proves nothing until it was tried alone. When every leg failed, nothing
     * is retried: that is the server's answer, and waiting for it twice would only double the check.
     */
    public static <T> List<T> runAll(List<Callable<T>> legs, Deadline deadline, Function<Throwable, T> onFailure,
                                     Predicate<T> retryAlone) throws InterruptedException {
        return runAll(legs, deadline, onFailure, retryAlone, () -> false);
    }

    /**
     * The same, where {@code answeredElsewhere} says the server answered another probe of the
     * check: then even a probe whose legs all went unanswered retries them alone.
     */
    public static <T> List<T> runAll(List<Callable<T>> legs, Deadline deadline, Function<Throwable, T> onFailure,
                                     Predicate<T> retryAlone, BooleanSupplier answeredElsewhere) throws InterruptedException {
        List<T> results = runTogether(legs, deadline, onFailure);
        boolean someAnswered = results.stream().anyMatch(r -> r != null && !retryAlone.test(r))
                || answeredElsewhere.getAsBoolean();
        if (!someAnswered) {
            return results;
        }
        for (int i = 0; i < results.size() && !deadline.expired(); i++) {
            T result = results.get(i);
            if (result == null || retryAlone.test(result)) {
                // a moment for the server to finish with what it was busy with (a handshake broken off, a close)
                Thread.sleep(Math.min(RETRY_PAUSE.toMillis(), Math.max(0, deadline.remaining().toMillis())));
                T again = runTogether(List.of(legs.get(i)), deadline, onFailure).get(0);
                if (again != null) {
                    results.set(i, again);
                }
            }
        }
        return results;
    }

    private static <T> List<T> runTogether(List<Callable<T>> legs, Deadline deadline, Function<Throwable, T> onFailure)
            throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>(legs.size());
        for (Callable<T> leg : legs) {
            futures.add(POOL.submit(leg));
        }
        List<T> results = new ArrayList<>(legs.size());
        try {
            for (Future<T> future : futures) {
                try {
                    long waitMillis = Math.max(1, deadline.remaining().toMillis() + 250);
                    results.add(future.get(waitMillis, TimeUnit.MILLISECONDS));
                } catch (ExecutionException e) {
                    results.add(onFailure.apply(e.getCause()));
                } catch (TimeoutException e) {
                    future.cancel(true);
                    results.add(onFailure.apply(e));
                }
            }
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        return results;
    }
}
