package rdpcheck.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import rdpcheck.checks.SharedAnswers;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/**
 * {@link SharedAnswers} in the {@code answers} table, one row per cache key: the newest report a
 * replica published and the claim of the replica probing now, all timed by the database's clock.
 * A replica that finds a live claim polls for the report, at most {@code wait}; a claim whose holder
 * died runs out after {@code claimFor} and is taken again. When the store fails, the replicas probe
 * alone: said once in the log, and the store tried again after {@link #RETRY}.
 */
final class StoreAnswers implements SharedAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(StoreAnswers.class);

    /** How long a failed store is left alone before the next try. */
    static final Duration RETRY = Duration.ofSeconds(30);
    /** Rows older than the longest cache.ttl (a day) and an hour are removed, every {@link #PRUNE_EVERY} publications. */
    static final Duration KEEP = Duration.ofHours(25);
    static final int PRUNE_EVERY = 200;
    static final Duration FIRST_POLL = Duration.ofMillis(20);
    static final Duration MAX_POLL = Duration.ofMillis(200);
    private static final int TIMEOUT_SECONDS = 2;

    private final LeaseLeadership.Opener opener;
    private final Dialect dialect;
    private final String name;
    private final String holder;
    private final Duration claimFor;
    private final Duration wait;
    private final AtomicLong published = new AtomicLong();
    private Database database;
    /** System.nanoTime() before which the store is not tried again; 0: it works. */
    private volatile long downUntil;
    private volatile boolean down;
    private volatile boolean closed;

    StoreAnswers(LeaseLeadership.Opener opener, Dialect dialect, String name, String holder, Duration claimFor, Duration wait) {
        this.opener = opener;
        this.dialect = dialect;
        this.name = name;
        this.holder = holder;
        this.claimFor = claimFor;
        this.wait = wait;
    }

    /** What one read of a key's row says, times by the database's clock. */
    private record Row(String report, long finishedAt, boolean claimed, long now) {
    }

    @Override
    public Outcome find(String key, Duration maxAge) {
        if (resting()) {
            return new Alone("the shared store is down");
        }
        try {
            Database db = database();
            long deadline = System.nanoTime() + wait.toNanos();
            long acceptAfter = Long.MIN_VALUE;
            boolean waited = false;
            Duration poll = FIRST_POLL;
            while (true) {
                Row row = read(db, key);
                if (acceptAfter == Long.MIN_VALUE) {
                    acceptAfter = row.now() - maxAge.toMillis();
                }
                if (row.report() != null && row.finishedAt() >= acceptAfter) {
                    Report report = readable(row.report());
                    if (report != null) {
                        back();
                        return new Found(report, Duration.ofMillis(Math.max(0, row.now() - row.finishedAt())), waited);
                    }
                }
                if (!row.claimed() && claim(db, key, acceptAfter)) {
                    back();
                    return new Claimed(key, holder);
                }
                if (System.nanoTime() - deadline > 0) {
                    return new Alone("another replica's check of " + key + " did not finish in " + wait.toSeconds() + " s");
                }
                waited = true;
                Thread.sleep(poll.toMillis());
                poll = poll.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : poll.multipliedBy(2);
            }
        } catch (SQLException e) {
            failed(e);
            return new Alone("the shared store is down");
        } catch (StoreException e) {
            failed(e.getMessage());
            return new Alone("the shared store is down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Alone("interrupted");
        }
    }

    /** A report in the contract this rdpcheck reads; null for one it cannot (a newer replica's): then it probes. */
    private static Report readable(String json) {
        try {
            return ReportJson.read(json);
        } catch (IllegalArgumentException e) {
            LOG.debug("shared answers: a report another replica published cannot be read here", e);
            return null;
        }
    }

    @Override
    public void publish(Claimed claim, Report report) {
        if (resting()) {
            return;
        }
        String sql = timed("UPDATE answers SET report = ?, finished_at = ${now},"
                + " claimed_by = CASE WHEN claimed_by = ? THEN '' ELSE claimed_by END,"
                + " claim_until = CASE WHEN claimed_by = ? THEN 0 ELSE claim_until END WHERE cache_key = ?");
        String json = ReportJson.write(report, false);
        try {
            database().with(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setQueryTimeout(TIMEOUT_SECONDS);
                    statement.setString(1, json);
                    statement.setString(2, claim.holder());
                    statement.setString(3, claim.holder());
                    statement.setString(4, claim.key());
                    return statement.executeUpdate();
                }
            });
            if (published.incrementAndGet() % PRUNE_EVERY == 0) {
                prune();
            }
        } catch (SQLException e) {
            failed(e);
        } catch (StoreException e) {
            failed(e.getMessage());
        }
    }

    @Override
    public void release(Claimed claim) {
        if (resting()) {
            return;
        }
        try {
            database().with(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "UPDATE answers SET claimed_by = '', claim_until = 0 WHERE cache_key = ? AND claimed_by = ?")) {
                    statement.setQueryTimeout(TIMEOUT_SECONDS);
                    statement.setString(1, claim.key());
                    statement.setString(2, claim.holder());
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException e) {
            failed(e);
        } catch (StoreException e) {
            failed(e.getMessage());
        }
    }

    private Row read(Database db, String key) throws SQLException {
        String sql = timed("SELECT report, finished_at, claim_until > ${now}, ${now}"
                + " FROM answers WHERE cache_key = ?");
        String now = timed("SELECT ${now}");
        return db.with(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(TIMEOUT_SECONDS);
                statement.setString(1, key);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        return new Row(rows.getString(1), rows.getLong(2), rows.getBoolean(3), rows.getLong(4));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(now);
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new Row(null, 0, false, rows.getLong(1));
            }
        });
    }

    /** Takes the claim on {@code key} unless another replica's is live or a report new enough came meanwhile. */
    private boolean claim(Database db, String key, long acceptAfter) throws SQLException {
        String sql = timed("INSERT INTO answers (cache_key, report, finished_at, claimed_by, claim_until)"
                + " VALUES (?, NULL, 0, ?, ${now} + ?)"
                + " ON CONFLICT (cache_key) DO UPDATE SET claimed_by = excluded.claimed_by, claim_until = excluded.claim_until"
                + " WHERE answers.claim_until <= ${now}"
                + " AND (answers.report IS NULL OR answers.finished_at < ?)");
        return db.with(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(TIMEOUT_SECONDS);
                statement.setString(1, key);
                statement.setString(2, holder);
                statement.setLong(3, claimFor.toMillis());
                statement.setLong(4, acceptAfter);
                return statement.executeUpdate() == 1;
            }
        });
    }

    private void prune() throws SQLException, StoreException {
        String sql = timed("DELETE FROM answers WHERE claim_until <= ${now} AND finished_at < ${now} - ?");
        database().with(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(TIMEOUT_SECONDS * 5);
                statement.setLong(1, KEEP.toMillis());
                return statement.executeUpdate();
            }
        });
    }

    private String timed(String sql) {
        return dialect.timed(sql);
    }

    private synchronized Database database() throws StoreException {
        if (database == null) {
            database = opener.open();
        }
        return database;
    }

    private boolean resting() {
        long until = downUntil;
        return until != 0 && System.nanoTime() - until < 0;
    }

    private void failed(SQLException e) {
        Database db = database;
        failed(db == null ? e.getMessage() : db.explain("sharing answers", e));
    }

    private void failed(String why) {
        if (closed) {
            return;
        }
        downUntil = System.nanoTime() + RETRY.toNanos();
        if (!down) {
            down = true;
            LOG.warn("shared answers: {}; each replica probes on its own until the store answers again (tried every {} s)",
                    why, RETRY.toSeconds());
        }
    }

    /** The store answered: if it had been down, said once. */
    private void back() {
        downUntil = 0;
        if (down) {
            down = false;
            LOG.info("shared answers: the store {} answers again; replicas share their answers again", name);
        }
    }

    @Override
    public void close() {
        closed = true;
        Database db;
        synchronized (this) {
            db = database;
            database = null;
        }
        if (db != null) {
            db.close();
        }
    }
}
