package rdpcheck.chat.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * An admitted request's place among the running checks. {@link #finish} records the outcome in
 * the audit log; {@link #close} frees the slot (and records "abandoned" if finish never came).
 * Use try-with-resources.
 */
public final class Ticket implements AutoCloseable {

    private final ChatRequest request;
    private final String target;
    private final Instant started;
    private final long startedNanos;
    private final RateLimiter.Slot slot;
    private final AuditLog audit;
    private final Clock clock;
    private boolean finished;

    Ticket(ChatRequest request, String target, Instant started, long startedNanos, RateLimiter.Slot slot,
           AuditLog audit, Clock clock) {
        this.request = request;
        this.target = target;
        this.started = started;
        this.startedNanos = startedNanos;
        this.slot = slot;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records how the check ended.
     *
     * @param diagnosisIds the report's diagnosis ids, e.g. {@code [tcp.refused]}
     * @param cached       true when the answer came from the cache rather than a new check
     */
    public synchronized void finish(List<String> diagnosisIds, boolean cached) {
        if (finished) {
            return;
        }
        finished = true;
        slot.close();
        audit.record(RequestGate.record(request, target, clock.instant(), "allowed", cached ? "cached" : "ok",
                diagnosisIds, millisSince()));
    }

    @Override
    public synchronized void close() {
        if (!finished) {
            finished = true;
            audit.record(RequestGate.record(request, target, clock.instant(), "allowed", "abandoned", List.of(),
                    millisSince()));
        }
        slot.close();
    }

    /** When the request arrived. */
    public Instant started() {
        return started;
    }

    private long millisSince() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
