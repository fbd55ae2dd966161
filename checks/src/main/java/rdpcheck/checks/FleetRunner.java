package rdpcheck.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;
import rdpcheck.checks.TargetList;

/**
 * Checks many hosts, at most {@code parallelism} at a time, and collects one {@link HostResult}
 * per host. Used by {@code rdpcheck check HOST...} and by the chat adapters for
 * {@code /rdpcheck host1 host2}: they give it a {@link TargetList} (which enforces their own
 * maximum) and render the {@link FleetResult}.
 *
 * <p>Each check is blocking I/O bounded by its own deadline, so a fleet of N hosts takes about
 * {@code ceil(N / parallelism)} check times at worst; the bound keeps sockets and threads in
 * proportion to {@code parallelism}, not to the fleet.
 */
public final class FleetRunner {

    /**
     * Checks are network-bound (they wait on round trips), so far more run at once than there are
     * cores; 32 keeps a 2-core machine busy on loopback while keeping sockets and threads modest.
     */
    public static final int DEFAULT_PARALLELISM = 32;
    public static final int MAX_PARALLELISM = 256;

    /** Hears about progress; called from worker threads, one call at a time. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Before the first check. */
        default void started(int total) {
        }

        /** A worker starts checking the host at {@code index}. */
        default void checking(int index, Target target) {
        }

        /** After each host; {@code index} is its position in the target list. */
        default void finished(int index, HostResult result, int done, int total) {
        }

        /** This listener, then {@code next}, for every event. */
        default Listener andThen(Listener next) {
            Listener first = this;
            return new Listener() {
                @Override
                public void started(int total) {
                    first.started(total);
                    next.started(total);
                }

                @Override
                public void checking(int index, Target target) {
                    first.checking(index, target);
                    next.checking(index, target);
                }

                @Override
                public void finished(int index, HostResult result, int done, int total) {
                    first.finished(index, result, done, total);
                    next.finished(index, result, done, total);
                }
            };
        }
    }

    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Checks one host. It never needs to throw; if it does, that host is {@link HostResult.Broken}. */
    private final Checker checker;
    private final int parallelism;

    public FleetRunner(Checker checker, int parallelism) {
        this.checker = Objects.requireNonNull(checker, "checker");
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1 to " + MAX_PARALLELISM + ", not " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** The standard pipeline ({@link Checker#standard}), with {@code options} for every host. */
    public static FleetRunner standard(ProbeOptions options, int parallelism) {
        return new FleetRunner(Checker.standard(options), parallelism);
    }

    /** The same, every report compared with and kept in {@code history}, as asked by {@code asker}. */
    public static FleetRunner standard(ProbeOptions options, int parallelism, History history, Asker asker) {
        Checker checker = Checker.standard(options, history);
        return new FleetRunner(target -> checker.check(target, asker), parallelism);
    }

    public int parallelism() {
        return parallelism;
    }

    /** Checks every target and returns when all are done. */
    public FleetResult run(TargetList targets, Listener listener) throws InterruptedException {
        return run(targets.targets(), listener);
    }

    public FleetResult run(List<Target> targets, Listener listener) throws InterruptedException {
        Objects.requireNonNull(listener, "listener");
        long started = System.nanoTime();
        int total = targets.size();
        HostResult[] results = new HostResult[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Object progressLock = new Object();
        listener.started(total);

        // Workers pull the next index: exactly min(parallelism, total) checks in flight, no queue of futures.
        Runnable worker = () -> {
            int index;
            while ((index = next.getAndIncrement()) < total && !Thread.currentThread().isInterrupted()) {
                synchronized (progressLock) {
                    listener.checking(index, targets.get(index));
                }
                HostResult result = checkOne(targets.get(index));
                results[index] = result;
                synchronized (progressLock) {
                    listener.finished(index, result, done.incrementAndGet(), total);
                }
            }
        };
        int run = RUNS.incrementAndGet();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(parallelism, total); i++) {
            Thread thread = new Thread(worker, "rdpcheck-fleet-" + run + "-" + (i + 1));
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
        try {
            for (Thread thread : workers) {
                thread.join();
            }
        } catch (InterruptedException e) {
            workers.forEach(Thread::interrupt);
            throw e;
        }
        return new FleetResult(Arrays.asList(results), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Runs the fleet on its own threads; for chat adapters that must not block their event loop. */
    public CompletableFuture<FleetResult> start(TargetList targets, Listener listener) {
        CompletableFuture<FleetResult> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(run(targets, listener));
            } catch (InterruptedException e) {
                future.cancel(false);
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "rdpcheck-fleet-" + RUNS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    private HostResult checkOne(Target target) {
        try {
            Report report = checker.check(target);
            if (report == null) {
                return new HostResult.Broken(target, "the check returned no report");
            }
            return new HostResult.Checked(target, report);
        } catch (RuntimeException | StackOverflowError e) {
            // One host's broken check must not end the others'.
            // The exception's text goes to the debug log, not into the table users read.
            org.slf4j.LoggerFactory.getLogger(FleetRunner.class).debug("the check of {} failed", target, e);
            return new HostResult.Broken(target, "the check failed inside rdpcheck (a bug, not the host's doing)");
        }
    }
}
