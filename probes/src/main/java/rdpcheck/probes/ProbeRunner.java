package rdpcheck.probes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import rdpcheck.probes.tls.TlsProbe;

/**
 * Runs probes as a dependency graph: each starts as soon as the probes it needs have finished,
 * independent ones side by side, all under one deadline. Whatever a probe does (returns, throws,
 * hangs) ends as a {@link ProbeOutcome}; a probe still running at the deadline is reported as
 * timed out next to what the others found.
 */
public final class ProbeRunner {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProbeRunner.class);

    /** Past the deadline, how long the runner waits for probes to notice before it stops waiting. */
    static final Duration GRACE = Duration.ofMillis(300);

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService SHARED = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "rdpcheck-probe-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final Map<ProbeId<?>, Probe<?>> probes;
    private final Executor executor;

    public ProbeRunner(List<? extends Probe<?>> probes) {
        this(probes, SHARED);
    }

    /**
     * {@code probes} in any order: the runner starts each after the probes it needs. A need that is
     * not in the list skips the probes that need it ("not part of this check").
     */
    public ProbeRunner(List<? extends Probe<?>> probes, Executor executor) {
        Map<ProbeId<?>, Probe<?>> byId = new LinkedHashMap<>();
        Set<String> labels = new HashSet<>();
        for (Probe<?> probe : probes) {
            if (!labels.add(probe.id().label()) || byId.put(probe.id(), probe) != null) {
                throw new IllegalArgumentException("two probes for " + probe.id());
            }
        }
        this.probes = new LinkedHashMap<>();
        for (Probe<?> probe : byId.values()) {
            place(probe, byId, new HashSet<>());
        }
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Adds {@code probe} to the plan after the probes it needs: a depth-first topological order. */
    private void place(Probe<?> probe, Map<ProbeId<?>, Probe<?>> byId, Set<ProbeId<?>> path) {
        if (probes.containsKey(probe.id())) {
            return;
        }
        if (!path.add(probe.id())) {
            throw new IllegalArgumentException("the probes' needs form a cycle through " + probe.id());
        }
        for (ProbeId<?> need : probe.id().needs()) {
            Probe<?> needed = byId.get(need);
            if (needed != null) {
                place(needed, byId, path);
            }
        }
        probes.put(probe.id(), probe);
    }

    /** The probes this runner knows, in dependency order. */
    public List<ProbeId<?>> plan() {
        return new ArrayList<>(probes.keySet());
    }

    public CheckRun run(Target target, ProbeOptions options) {
        Instant startedAt = options.clock().instant();
        long started = System.nanoTime();
        Deadline deadline = Deadline.after(options.deadline());
        Map<ProbeId<?>, ProbeOutcome> outcomes = new ConcurrentHashMap<>();
        Map<ProbeId<?>, CompletableFuture<Void>> done = new HashMap<>();
        ServerSignals signals = new ServerSignals(options.maxConnectionsPerHost(), probes.containsKey(TlsProbe.ID));
        Running running = new Running();

        // The plan is in dependency order: every need's future exists before its dependents ask for it.
        for (Map.Entry<ProbeId<?>, Probe<?>> entry : probes.entrySet()) {
            ProbeId<?> id = entry.getKey();
            Probe<?> probe = entry.getValue();
            List<CompletableFuture<Void>> needs = new ArrayList<>();
            for (ProbeId<?> need : id.needs()) {
                CompletableFuture<Void> future = done.get(need);
                needs.add(future != null ? future : CompletableFuture.completedFuture(null));
            }
            CompletableFuture<Void> future = CompletableFuture.allOf(needs.toArray(CompletableFuture[]::new))
                    .thenRunAsync(() -> running.run(() ->
                            outcomes.put(id, runOne(probe, target, options, deadline, outcomes, signals))), executor);
            done.put(id, future);
        }

        CompletableFuture<Void> all = CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new));
        try {
            all.get(deadline.remaining().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.values().forEach(f -> f.cancel(true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.values().forEach(f -> f.cancel(true));
        } catch (ExecutionException e) {
            // runOne never throws; nothing to add
        }
        // A CompletableFuture's cancel does not interrupt: the answer is being given now, so whatever
        // probe work is left (a computation, a wait) is told to stop rather than burn on unseen.
        running.stopAll();
        Map<ProbeId<?>, ProbeOutcome> snapshot = new LinkedHashMap<>();
        for (ProbeId<?> id : probes.keySet()) {
            ProbeOutcome outcome = outcomes.get(id);
            snapshot.put(id, outcome != null ? outcome : notFinished(id, outcomes, options.deadline()));
        }
        return new CheckRun(target, new Findings(snapshot), startedAt, Duration.ofNanos(System.nanoTime() - started));
    }

    private static ProbeOutcome notFinished(ProbeId<?> id, Map<ProbeId<?>, ProbeOutcome> outcomes, Duration limit) {
        for (ProbeId<?> need : id.needs()) {
            if (!outcomes.containsKey(need)) {
                return new ProbeOutcome.Skipped("the " + need.label() + " probe did not finish in time");
            }
        }
        return new ProbeOutcome.TimedOut(limit);
    }

    private ProbeOutcome runOne(Probe<?> probe, Target target, ProbeOptions options, Deadline deadline,
                                Map<ProbeId<?>, ProbeOutcome> outcomes, ServerSignals signals) {
        for (ProbeId<?> need : probe.id().needs()) {
            ProbeOutcome before = outcomes.get(need);
            if (!(before instanceof ProbeOutcome.Completed)) {
                // A skip passes on its root reason alone: "the tls probe was skipped: the tcp probe was
                // skipped: ..." chains say the same thing once per probe.
                String why = before == null ? "the " + need.label() + " probe is not part of this check"
                        : before instanceof ProbeOutcome.Skipped skipped ? skipped.reason()
                        : "the " + need.label() + " probe " + describe(before);
                return new ProbeOutcome.Skipped(why);
            }
        }
        if (deadline.expired()) {
            return new ProbeOutcome.TimedOut(Duration.ZERO);
        }
        long started = System.nanoTime();
        ProbeContext context = new ProbeContext(target, options, new Findings(outcomes), deadline, signals);
        try {
            Object result = probe.run(context);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (result == null) {
                return new ProbeOutcome.Failed("the " + probe.id().label() + " probe returned nothing", took);
            }
            return new ProbeOutcome.Completed(result, took);
        } catch (ProbeSkipped e) {
            return new ProbeOutcome.Skipped(ProbeText.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeOutcome.TimedOut(Duration.ofNanos(System.nanoTime() - started));
        } catch (ProbeException e) {
            return new ProbeOutcome.Failed(ProbeText.of(e), Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // A probe bug or a hostile reply must not take the check down. The report says what is known
            // in words; the exception's text (class names, library messages) is for the debug log only.
            LOG.debug("the {} probe against {} failed", probe.id().label(), target, e);
            return new ProbeOutcome.Failed("rdpcheck could not process what the server sent to the "
                    + probe.id().label() + " probe (an error in rdpcheck; the other probes' findings stand)",
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * The threads running a check's probes, so that the check's end can interrupt them. A thread is
     * registered only while it runs one of this check's probes, and its interrupt flag is cleared
     * before it goes back to the pool, so no other check's work is ever interrupted.
     */
    private static final class Running {
        private final java.util.Set<Thread> threads = new java.util.HashSet<>();
        private boolean stopped;

        void run(Runnable probe) {
            synchronized (this) {
                if (stopped) {
                    return; // the answer was given before this probe got a thread
                }
                threads.add(Thread.currentThread());
            }
            try {
                probe.run();
            } finally {
                synchronized (this) {
                    threads.remove(Thread.currentThread());
                    Thread.interrupted(); // an interrupt meant for this probe must not reach the pool's next task
                }
            }
        }

        synchronized void stopAll() {
            stopped = true;
            threads.forEach(Thread::interrupt);
        }
    }

    private static String describe(ProbeOutcome outcome) {
        if (outcome instanceof ProbeOutcome.Failed) {
            return "failed";
        }
        if (outcome instanceof ProbeOutcome.TimedOut) {
            return "timed out";
        }
        return "completed";
    }
}
