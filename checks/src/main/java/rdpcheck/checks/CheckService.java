package rdpcheck.checks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

/**
 * Runs checks for every platform: off the platforms' event threads, at most
 * {@link CheckSettings#maxConcurrent()} at once, reports cached per {@link Target#key()} for
 * {@link CheckSettings#cacheTtl()}, and identical requests arriving while a run is in progress
 * sharing that one run (the cache holds the run's future from the moment it starts). With
 * {@link SharedAnswers}, a run first asks the replicas' shared store: a report another replica
 * finished within the time-to-live, or is finishing now, is the answer, and no probe runs.
 */
public final class CheckService implements AutoCloseable {

    /** How a request was admitted. */
    public enum Admission {
        /** A report from the cache, complete already. */
        CACHED,
        /** Joined a run another request started. */
        JOINED,
        /** Started a run that is probing now. */
        STARTED,
        /** Started a run that waits for a free slot. */
        QUEUED,
        /** Refused: shutting down, or the queue is full. The answer future fails with the reason. */
        REJECTED
    }

    /**
     * What {@link #submit} returns at once.
     *
     * @param ahead for {@link Admission#QUEUED}: checks waiting before this one
     * @param age   for {@link Admission#CACHED}: how old the report is
     */
    public record Ticket(Admission admission, int ahead, Duration age, CompletableFuture<Answer> answer) {
    }

    /** A finished run as the cache keeps it; {@code origin} is NEW for this replica's own probes. */
    private record Done(Report report, Instant finishedAt, long finishedTick, Answer.Freshness origin) {
    }

    private final Checker checker;
    private final SharedAnswers sharedAnswers;
    private final CheckSettings settings;
    private final Clock clock;
    private final Ticker ticker;
    /** Admitted runs not yet finished: running plus waiting. Counted here, not read from the pool, so positions are exact. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final AsyncCache<String, Done> cache;
    private final ThreadPoolExecutor workers;
    /** The waiting runs, taken in turn across channels and owners; the executor's queue holds one turn per run. */
    private final FairQueue<Run> fair = new FairQueue<>();
    private final Set<CompletableFuture<Done>> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong startedRuns = new AtomicLong();
    private final Counter hits;
    private final Counter shared;
    private final Counter misses;
    private final Counter peers;
    private final AtomicLong peerAnswers = new AtomicLong();
    private final Counter rejected;
    private volatile boolean closed;

    public CheckService(Checker checker, CheckSettings settings, MeterRegistry meters) {
        this(checker, settings, meters, SharedAnswers.NONE);
    }

    /** As {@link #CheckService(Checker, CheckSettings, MeterRegistry)}, runs shared with other replicas through {@code shared}. */
    public CheckService(Checker checker, CheckSettings settings, MeterRegistry meters, SharedAnswers shared) {
        this(checker, settings, meters, Clock.systemUTC(), Ticker.systemTicker(), shared);
    }

    CheckService(Checker checker, CheckSettings settings, MeterRegistry meters, Clock clock, Ticker ticker) {
        this(checker, settings, meters, clock, ticker, SharedAnswers.NONE);
    }

    CheckService(Checker checker, CheckSettings settings, MeterRegistry meters, Clock clock, Ticker ticker,
                 SharedAnswers shared) {
        this.checker = Objects.requireNonNull(checker, "checker").heardBy(List.of(new MetricsListener(meters)));
        this.sharedAnswers = Objects.requireNonNull(shared, "shared");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(settings.cacheTtl())
                .maximumSize(settings.maxEntries())
                .ticker(ticker)
                .buildAsync();
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.maxConcurrent(), settings.maxConcurrent(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(Math.max(1, settings.maxQueued())), r -> {
                    Thread thread = new Thread(r, "rdpcheck-check-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.workers.allowCoreThreadTimeOut(true);
        this.hits = Counter.builder("rdpcheck.cache.requests").tag("result", "hit")
                .description("check requests answered from the cache").register(meters);
        this.shared = Counter.builder("rdpcheck.cache.requests").tag("result", "shared")
                .description("check requests that joined a run in progress").register(meters);
        this.misses = Counter.builder("rdpcheck.cache.requests").tag("result", "miss")
                .description("check requests that started a probe run").register(meters);
        this.peers = Counter.builder("rdpcheck.cache.requests").tag("result", "replica")
                .description("check requests answered by another replica's run (the shared store)").register(meters);
        this.rejected = Counter.builder("rdpcheck.checks.rejected")
                .description("check requests refused: queue full or shutting down").register(meters);
        Gauge.builder("rdpcheck.checks.queued", this, CheckService::queued)
                .description("checks waiting for a free slot").register(meters);
        Gauge.builder("rdpcheck.checks.running", running, AtomicInteger::get)
                .description("checks probing now").register(meters);
        Gauge.builder("rdpcheck.checks.completed", runs, AtomicLong::get)
                .description("probe runs finished since start").register(meters);
    }

    /** Never blocks: the run, if one is needed, happens on a worker. */
    public Ticket submit(Target target, boolean fresh) {
        return submit(target, fresh, "");
    }

    /**
     * As {@link #submit(Target, boolean)}, queued fairly: waiting runs start in turn across
     * {@code owner}s (who asked: a chat user), so one user's many requests cannot keep another's
     * waiting behind all of them.
     */
    public Ticket submit(Target target, boolean fresh, String owner) {
        return submit(target, fresh, "", owner);
    }

    /**
     * As {@link #submit(Target, boolean, String)}, queued fairly across {@code channel}s too: the
     * channels take turns, then the owners within each, so one busy channel (however many users
     * it has) cannot keep another channel's requests waiting behind all of its own.
     */
    public Ticket submit(Target target, boolean fresh, String channel, String owner) {
        return submit(target, fresh, channel, owner, Integer.MAX_VALUE);
    }

    /**
     * As {@link #submit(Target, boolean, String, String)}, a run it starts connecting to at most
     * {@code maxAddresses} of the name's addresses ({@link Checker#check(Target, int)}). A cached
     * or running check of the target is shared as it is.
     */
    public Ticket submit(Target target, boolean fresh, String channel, String owner, int maxAddresses) {
        return submit(target, fresh, channel, owner, maxAddresses, Asker.unknown());
    }

    /**
     * As {@link #submit(Target, boolean, String, String, int)}, the run it starts remembered as asked
     * by {@code asker} (the history's "who asked and where"). A shared or cached answer is not a new check.
     */
    public Ticket submit(Target target, boolean fresh, String channel, String owner, int maxAddresses, Asker asker) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(asker, "asker");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(owner, "owner");
        if (closed) {
            return reject("rdpcheck is shutting down; try again in a minute.");
        }
        Map<String, CompletableFuture<Done>> map = cache.asMap();
        CompletableFuture<Done> mine = new CompletableFuture<>();
        // compute is atomic per key: of any number of simultaneous requests exactly one installs its future.
        CompletableFuture<Done> current = map.compute(target.key(), (key, old) -> {
            if (old != null && !old.isCompletedExceptionally() && (!old.isDone() || (!fresh && !stale(old.join())))) {
                return old;
            }
            return mine;
        });
        if (current != mine) {
            if (current.isDone()) {
                hits.increment();
                Done done = current.join();
                Duration age = Duration.between(done.finishedAt(), clock.instant());
                return new Ticket(Admission.CACHED, 0, age,
                        CompletableFuture.completedFuture(new Answer(done.report(), Answer.Freshness.CACHED, age)));
            }
            shared.increment();
            return new Ticket(Admission.JOINED, 0, Duration.ZERO, current.thenApply(d -> answer(d, Answer.Freshness.SHARED)));
        }
        misses.increment();
        int before = admitted.getAndIncrement();
        boolean queued = before >= settings.maxConcurrent();
        int ahead = Math.max(0, before - settings.maxConcurrent());
        inFlight.add(mine);
        startedRuns.incrementAndGet();
        Run run = new Run(target, fresh, maxAddresses, asker, mine);
        fair.add(channel, owner, run);
        try {
            workers.execute(this::runNextInTurn);
        } catch (RejectedExecutionException e) {
            fair.remove(channel, owner, run);
            inFlight.remove(mine);
            startedRuns.decrementAndGet();
            admitted.decrementAndGet();
            map.remove(target.key(), mine);
            String why = closed ? "rdpcheck is shutting down; try again in a minute."
                    : "rdpcheck is busy: " + settings.maxQueued() + " checks are waiting already. Try again in a minute.";
            mine.completeExceptionally(new RejectedExecutionException(why));
            rejected.increment();
            return new Ticket(Admission.REJECTED, 0, Duration.ZERO, mine.thenApply(d -> answer(d, Answer.Freshness.NEW)));
        }
        return new Ticket(queued ? Admission.QUEUED : Admission.STARTED, queued ? ahead : 0, Duration.ZERO,
                mine.thenApply(d -> answer(d, Answer.Freshness.NEW)));
    }

    /** The cached report of {@code target}, if one is complete and not expired (e.g. "Show raw findings"). */
    public Optional<Answer> cached(Target target) {
        CompletableFuture<Done> future = cache.getIfPresent(target.key());
        if (future == null || !future.isDone() || future.isCompletedExceptionally() || stale(future.join())) {
            return Optional.empty();
        }
        return Optional.of(answer(future.join(), Answer.Freshness.CACHED));
    }

    /** Probe runs started so far (each run is one check of one target, however many requests shared it). */
    public long runsStarted() {
        return startedRuns.get();
    }

    /** Runs answered by another replica's report (the shared store) instead of probing. */
    public long answeredByReplicas() {
        return peerAnswers.get();
    }

    /** Probe runs finished so far. */
    public long runsCompleted() {
        return runs.get();
    }

    public int running() {
        return running.get();
    }

    public int queued() {
        return Math.max(0, admitted.get() - running.get());
    }

    /** Caffeine evicts on its own schedule; a report past its time-to-live is never handed out. */
    private boolean stale(Done done) {
        return ticker.read() - done.finishedTick() >= settings.cacheTtl().toNanos();
    }

    public CheckSettings settings() {
        return settings;
    }

    /** A later cache hit is CACHED; the run's own requesters and joiners see where its report came from. */
    private Answer answer(Done done, Answer.Freshness freshness) {
        Answer.Freshness said = freshness == Answer.Freshness.CACHED || done.origin() == Answer.Freshness.NEW ? freshness
                : done.origin();
        return new Answer(done.report(), said, Duration.between(done.finishedAt(), clock.instant()));
    }

    private Ticket reject(String why) {
        rejected.increment();
        return new Ticket(Admission.REJECTED, 0, Duration.ZERO,
                CompletableFuture.failedFuture(new RejectedExecutionException(why)));
    }

    /**
     * Stops taking requests, lets running and queued checks finish within
     * {@link CheckSettings#shutdownGrace()}, then interrupts what is left and fails the requests
     * still waiting, so each requester is told.
     */
    @Override
    public void close() {
        closed = true;
        workers.shutdown();
        boolean finished = false;
        try {
            finished = workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!finished) {
            workers.shutdownNow();
            for (Run run; (run = fair.poll()) != null; ) {
                run.future.completeExceptionally(new RejectedExecutionException(
                        "rdpcheck shut down before this check could start; ask again when it is back."));
            }
            try {
                workers.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (CompletableFuture<Done> future : inFlight) {
            future.completeExceptionally(new RejectedExecutionException(
                    "rdpcheck shut down while this check was running; ask again when it is back."));
        }
    }

    /** A worker's turn: the run whose owner is next, whichever submission queued the turn. */
    private void runNextInTurn() {
        Run run = fair.poll();
        if (run != null) {
            run.run();
        }
    }

    private final class Run implements Runnable {
        private final Target target;
        private final boolean fresh;
        private final int maxAddresses;
        private final Asker asker;
        private final CompletableFuture<Done> future;

        Run(Target target, boolean fresh, int maxAddresses, Asker asker, CompletableFuture<Done> future) {
            this.asker = asker;
            this.target = target;
            this.fresh = fresh;
            this.maxAddresses = maxAddresses;
            this.future = future;
        }

        @Override
        public void run() {
            running.incrementAndGet();
            SharedAnswers.Outcome outcome = null;
            try {
                outcome = sharedAnswers.find(target.key(), fresh ? Duration.ZERO : settings.cacheTtl());
                if (outcome instanceof SharedAnswers.Found found) {
                    peers.increment();
                    peerAnswers.incrementAndGet();
                    future.complete(new Done(found.report(), clock.instant().minus(found.age()),
                            ticker.read() - found.age().toNanos(),
                            found.waited() ? Answer.Freshness.SHARED : Answer.Freshness.CACHED));
                    return;
                }
                Report report;
                try {
                    report = maxAddresses == Integer.MAX_VALUE ? checker.check(target, asker)
                            : checker.check(target, maxAddresses, asker);
                } finally {
                    runs.incrementAndGet();
                }
                future.complete(new Done(report, clock.instant(), ticker.read(), Answer.Freshness.NEW));
                if (outcome instanceof SharedAnswers.Claimed claim) {
                    sharedAnswers.publish(claim, report);
                }
            } catch (RuntimeException | Error e) {
                if (outcome instanceof SharedAnswers.Claimed claim) {
                    sharedAnswers.release(claim);
                }
                // The probes report faults as findings; anything reaching here is a bug, said as such.
                future.completeExceptionally(new IllegalStateException("the check of " + target.key()
                        + " failed inside rdpcheck (a bug, not the host's doing); the log has details", e));
            } finally {
                running.decrementAndGet();
                admitted.decrementAndGet();
                inFlight.remove(future);
            }
        }
    }
}
