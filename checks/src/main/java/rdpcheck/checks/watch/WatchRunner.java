package rdpcheck.checks.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import rdpcheck.checks.Answer;
import rdpcheck.checks.Asker;
import rdpcheck.checks.CheckService;
import rdpcheck.probes.Target;

/**
 * Runs the watches that are due, from {@code serve}: through the same {@link CheckService} as chat
 * checks (so each run is recorded in the history and shares the cache, the queue and the polite
 * per-host connection schedule), at most {@link WatchSettings#maxRunning()} at once, each next run
 * moved by a random jitter (a tenth of the interval, at most 5 minutes) so that watches added
 * together spread out. Every run asks the target policy first: a target it no longer allows pauses
 * the watch, said once in the channel, and the watch resumes by itself (said once too) when the
 * policy allows it again.
 *
 * <p>Leadership: watches run only while {@code leads} says this replica leads. With one replica it
 * is always true; several replicas sharing a PostgreSQL plug their leader election in here (the
 * constructor's {@code leads} parameter). Alerts are kept in the store before they are posted and
 * posted only by the replica whose row won, so even two replicas that both believe they lead post
 * each alert once.
 */
public final class WatchRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchRunner.class);

    /** How often the store is asked for due watches: one indexed query. */
    public static final Duration TICK = Duration.ofSeconds(5);
    /** The jitter added to each next run is at most this, and at most a tenth of the interval. */
    static final Duration MAX_JITTER = Duration.ofMinutes(5);
    /**
     * While a run is in flight its watch is due again after this (or its interval, if shorter), so
     * that a leader killed mid-run loses no run: the next leader runs it then. A run that ends moves
     * it to its full interval.
     */
    static final Duration IN_FLIGHT = Duration.ofMinutes(5);

    private final Watches watches;
    private final CheckService service;
    private final Function<Watch, Optional<String>> policy;
    private final AlertSink sink;
    private final BooleanSupplier leads;
    private final WatchSettings settings;
    private final Clock clock;
    private final Duration tick;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService finisher;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param policy the target policy: empty when the watch's target may be checked (from its channel), else why not (one line)
     * @param leads  whether this replica runs the watches now (the leadership hook; {@code () -> true} for one replica)
     */
    public WatchRunner(Watches watches, CheckService service, Function<Watch, Optional<String>> policy, AlertSink sink,
                       BooleanSupplier leads, WatchSettings settings, Clock clock, Duration tick) {
        this.watches = Objects.requireNonNull(watches, "watches");
        this.service = Objects.requireNonNull(service, "service");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.leads = Objects.requireNonNull(leads, "leads");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tick = Objects.requireNonNull(tick, "tick");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "rdpcheck-watch-schedule"));
        this.finisher = Executors.newCachedThreadPool(r -> thread(r, "rdpcheck-watch-alert"));
    }

    private static Thread thread(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Starts looking for due watches every {@code tick}. */
    public WatchRunner start() {
        scheduler.scheduleWithFixedDelay(this::tickQuietly, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Watch runs started since start. */
    public long runs() {
        return runs.get();
    }

    /** Alerts posted since start. */
    public long alerts() {
        return alerts.get();
    }

    /** Watch runs in progress. */
    public int running() {
        return running.size();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (Watches.Unavailable e) {
            LOG.warn("watches: {}; trying again in {} s", e.getMessage(), tick.toSeconds());
        } catch (RuntimeException e) {
            LOG.warn("watches: a round failed inside rdpcheck", e);
        }
    }

    /** One round: starts the due watches this replica may run, as many as free slots allow. */
    void tick() {
        if (closed || !leads.getAsBoolean()) {
            return;
        }
        int free = settings.maxRunning() - running.size();
        if (free <= 0) {
            return;
        }
        Instant now = clock.instant();
        for (Watch watch : watches.due(now, free + running.size())) {
            if (free <= 0 || closed) {
                return;
            }
            if (running.contains(watch.id())) {
                continue;
            }
            watches.reschedule(watch.id(), now.plus(watch.every()).plus(jitter(watch.every())));
            if (!sink.accepts(watch.channel())) {
                continue; // its platform is not served here: moved on, nothing probed, nothing claimed
            }
            if (start(watch)) {
                free--;
            }
        }
    }

    private boolean start(Watch watch) {
        Target target = watch.target();
        Optional<String> refusal = policy.apply(watch);
        if (refusal.isPresent()) {
            if (watches.pause(watch.id(), refusal.get())) {
                sink.notice(watch.channel(), "Watch of `" + target.key() + "` paused: " + refusal.get()
                        + ". It resumes by itself when the target policy allows the host again; `/rdpcheck unwatch "
                        + target.key() + "` removes it.");
            }
            return false;
        }
        if (watch.paused().isPresent() && watches.resume(watch.id())) {
            sink.notice(watch.channel(), "Watch of `" + target.key() + "` resumed: the target policy allows it again.");
        }
        running.add(watch.id());
        runs.incrementAndGet();
        watches.reschedule(watch.id(), clock.instant().plus(min(IN_FLIGHT, watch.every())));
        CheckService.Ticket ticket;
        try {
            ticket = service.submit(target, false, "watch", "watch:" + watch.id(), Integer.MAX_VALUE,
                    new Asker("watch", watch.addedBy(), watch.channel().toString()));
        } catch (RuntimeException e) {
            running.remove(watch.id());
            throw e;
        }
        ticket.answer().whenCompleteAsync((answer, error) -> {
            try {
                if (error != null) {
                    LOG.info("watch {} of {}: no report this time: {}", watch.id(), target.key(), error.getMessage());
                    ended(watch);
                } else {
                    finish(watch, answer);
                }
            } catch (Watches.Unavailable e) {
                LOG.warn("watch {} of {}: {}", watch.id(), target.key(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("watch {} of {}: alerting failed inside rdpcheck", watch.id(), target.key(), e);
            } finally {
                running.remove(watch.id());
            }
        }, finisher);
        return true;
    }

    /** Evaluates the run, keeps each event (the store's unique key decides), posts what this replica won. */
    void finish(Watch watch, Answer answer) {
        if (closed || !leads.getAsBoolean()) {
            return; // leadership moved while probing: the next leader runs it again
        }
        ended(watch);
        Optional<Instant> last = watch.state().at();
        if (last.isPresent() && !answer.report().checkedAt().isAfter(last.get())) {
            return; // a cached report this watch has seen already: nothing new to tell
        }
        WatchState next = WatchState.after(watch.state(), answer.report());
        Instant now = clock.instant();
        List<AlertEvent> won = new ArrayList<>();
        for (AlertEvent event : AlertRules.evaluate(watch.state(), next, now, settings.expiryDays())) {
            if (watches.claim(watch.id(), event, now)) {
                won.add(event);
            }
        }
        watches.ran(watch.id(), next);
        if (!won.isEmpty()) {
            alerts.incrementAndGet();
            sink.alert(new Alert(watch, won, answer));
        }
    }

    /** The run ended here: the watch is next due after its full interval, not {@link #IN_FLIGHT}. */
    private void ended(Watch watch) {
        if (!closed && leads.getAsBoolean()) {
            watches.reschedule(watch.id(), clock.instant().plus(watch.every()).plus(jitter(watch.every())));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static Duration jitter(Duration every) {
        long bound = Math.min(every.toMillis() / 10, MAX_JITTER.toMillis());
        return bound <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound));
    }

    /** Stops scheduling; runs in progress end with the check service (closed after this). */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        finisher.shutdown();
        try {
            finisher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
