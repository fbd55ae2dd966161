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
import java.util.function.Function;

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

    private Legs() {
    }

    /**
     * Runs every leg and returns their results in order. A leg that throws or is still running at
     * the deadline is answered by {@code onFailure} (with a {@link TimeoutException} for the latter).
     */
    public static <T> List<T> runAll(List<Callable<T>> legs, Deadline deadline, Function<Throwable, T> onFailure)
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
