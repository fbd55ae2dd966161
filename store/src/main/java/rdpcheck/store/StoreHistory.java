package rdpcheck.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import rdpcheck.checks.Asker;
import rdpcheck.checks.History;
import rdpcheck.checks.PastCheck;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.ChangeFacts;
import rdpcheck.probes.report.Earlier;
import rdpcheck.probes.report.Report;

/**
 * The pipeline's {@link History} on a {@link HistoryStore}. A store that fails mid-way (full,
 * locked, gone) costs the check nothing but its record: the failure is logged, once and then every
 * hundredth time, and the report goes out without its changes or unrecorded.
 */
final class StoreHistory implements History {

    private static final Logger LOG = LoggerFactory.getLogger(StoreHistory.class);

    private final HistoryStore store;
    private final AtomicLong failures = new AtomicLong();

    StoreHistory(HistoryStore store) {
        this.store = store;
    }

    @Override
    public Report compared(Report report) {
        try {
            List<Earlier> earlier = store.earlier(report.target().key(), report.checkedAt(), ChangeFacts.MAX_EARLIER);
            return report.withChanges(ChangeFacts.compare(report, earlier));
        } catch (StoreException e) {
            failed(e);
            return report;
        }
    }

    @Override
    public void checked(Target target, Report report, Duration took, Asker asker) {
        try {
            store.record(CheckRecord.of(report, took, asker));
        } catch (StoreException e) {
            failed(e);
        }
    }

    @Override
    public List<PastCheck> recent(Target target, int limit) {
        try {
            return store.history(target.key(), Math.min(Math.max(0, limit), MAX_RECENT));
        } catch (StoreException e) {
            failed(e);
            return List.of();
        }
    }

    @Override
    public Optional<String> off() {
        return Optional.empty();
    }

    /** Throws what the store said: for {@code history} callers that must tell an empty history from a broken store. */
    List<PastCheck> recentOrThrow(Target target, int limit) throws StoreException {
        return store.history(target.key(), Math.min(Math.max(0, limit), MAX_RECENT));
    }

    private void failed(StoreException e) {
        long n = failures.incrementAndGet();
        if (n == 1 || n % 100 == 0) {
            LOG.warn("history: {}; the check itself is not affected{}", e.getMessage(),
                    n == 1 ? "" : " (" + n + " times so far)");
        }
    }

    @Override
    public void close() {
        store.close();
    }

    HistoryStore store() {
        return store;
    }
}
