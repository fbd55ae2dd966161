package rdpcheck.chat;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform's connection as a state machine: connecting → connected → (lost) → connecting …,
 * with every failed attempt classified ({@link ConnectFailure}), logged as one line, and followed
 * by an exponential, jittered wait ({@link Backoff}); a definite refusal of the token stops it.
 * The chat libraries' own retry loops are switched off or wrapped so that this is the only one:
 * a fixed five-second loop once wrote 1,093 log lines in ten minutes.
 */
public final class Reconnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    /** One attempt: returns once connected; throws what went wrong. */
    @FunctionalInterface
    public interface Attempt {
        void connect() throws Exception;
    }

    /** Names what an attempt threw. */
    @FunctionalInterface
    public interface Classifier {
        ConnectFailure classify(Exception thrown);
    }

    /** Where the connection stands; what {@code /health} reports. */
    public sealed interface State {
        /** A short phrase for {@code /health} and logs. */
        String describe();

        default boolean connected() {
            return this instanceof Connected;
        }
    }

    public record Connecting(int attempt) implements State {
        public String describe() {
            return attempt <= 1 ? "connecting" : "connecting (attempt " + attempt + ")";
        }
    }

    public record Connected() implements State {
        public String describe() {
            return "connected";
        }
    }

    public record Waiting(ConnectFailure failure, int failures, Duration next) implements State {
        public String describe() {
            return failure.describe() + "; retrying in " + seconds(next) + " (attempt " + (failures + 1) + ")";
        }
    }

    public record Refused(ConnectFailure failure) implements State {
        public String describe() {
            return failure.describe() + "; not retrying (fix the token and restart)";
        }
    }

    public record Stopped() implements State {
        public String describe() {
            return "stopped";
        }
    }

    private final String platform;
    private final Attempt attempt;
    private final Classifier classifier;
    private final Backoff backoff;
    private final Consumer<ConnectFailure> onRefused;
    private final ScheduledExecutorService scheduler;
    private final Logger log;

    // guarded by this
    private State state = new Connecting(1);
    private int failures;
    private int attempts;
    private ScheduledFuture<?> next;

    /**
     * @param platform  name in log lines and health, e.g. {@code slack}
     * @param onRefused called once when the platform definitely refuses the credentials
     */
    public Reconnector(String platform, Attempt attempt, Classifier classifier, Backoff backoff,
                       Consumer<ConnectFailure> onRefused) {
        this(platform, attempt, classifier, backoff, onRefused, LOG);
    }

    Reconnector(String platform, Attempt attempt, Classifier classifier, Backoff backoff,
                Consumer<ConnectFailure> onRefused, Logger log) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.attempt = Objects.requireNonNull(attempt, "attempt");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
        this.log = Objects.requireNonNull(log, "log");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rdpcheck-" + platform + "-connect");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Makes the first attempt now, in the background. */
    public synchronized void start() {
        schedule(Duration.ZERO);
    }

    /**
     * The live connection ended: one line says why, and the next attempt starts at once (the
     * backoff applies from its failure on). Ignored unless connected: a loss reported for an
     * attempt still under way is that attempt's failure.
     */
    public synchronized void lost(ConnectFailure why) {
        if (!(state instanceof Connected)) {
            return;
        }
        if (why.kind().definite()) {
            refuse(why);
            return;
        }
        log.warn("{}: connection lost: {}; reconnecting", platform, why.describe());
        failures = 0;
        state = new Connecting(1);
        schedule(Duration.ZERO);
    }

    /** Where the connection stands. */
    public synchronized State state() {
        return state;
    }

    /** Attempts made so far (tests count them to prove the backoff). */
    public synchronized int attempts() {
        return attempts;
    }

    private void schedule(Duration delay) {
        if (state instanceof Stopped || scheduler.isShutdown()) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        next = scheduler.schedule(this::runAttempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runAttempt() {
        synchronized (this) {
            if (state instanceof Stopped || state instanceof Connected || state instanceof Refused) {
                return;
            }
            attempts++;
            state = new Connecting(failures + 1);
        }
        try {
            attempt.connect();
            succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            ConnectFailure failure;
            try {
                failure = classifier.classify(e);
            } catch (RuntimeException unexpected) {
                failure = NetworkFailures.classifyOrOther(e, "connecting");
            }
            log.debug("{}: attempt failed", platform, e);
            failed(failure);
        }
    }

    private synchronized void succeeded() {
        if (state instanceof Stopped) {
            return;
        }
        if (failures > 0) {
            log.info("{}: connected after {} failed attempts", platform, failures);
        } else {
            log.info("{}: connected", platform);
        }
        failures = 0;
        state = new Connected();
    }

    private synchronized void failed(ConnectFailure failure) {
        if (state instanceof Stopped) {
            return;
        }
        if (failure.kind().definite()) {
            refuse(failure);
            return;
        }
        failures++;
        Duration wait = backoff.delay(failures, failure);
        state = new Waiting(failure, failures, wait);
        log.warn("{}: cannot connect: {}; attempt {} failed, next in {}", platform, failure.describe(), failures,
                seconds(wait));
        schedule(wait);
    }

    private void refuse(ConnectFailure failure) {
        state = new Refused(failure);
        log.error("{}: {}; not retrying: the same token would be refused again", platform, failure.describe());
        onRefused.accept(failure);
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return (millis + 500) / 1000 + " s";
    }

    /** Stops trying; an attempt under way is interrupted. */
    @Override
    public void close() {
        synchronized (this) {
            state = new Stopped();
            if (next != null) {
                next.cancel(true);
            }
        }
        scheduler.shutdownNow();
    }
}
