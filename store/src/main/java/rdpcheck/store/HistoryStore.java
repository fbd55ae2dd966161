package rdpcheck.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import rdpcheck.checks.Asker;
import rdpcheck.checks.PastCheck;

import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Earlier;

/**
 * The kept checks: {@link #record} one, and ask for the {@link #previous} or the
 * {@link #lastHealthy} check of a target, its {@link #history} or the {@link #earlier} checks changes
 * are computed from. Checks older than {@code store.retention} are removed, and when the store
 * reaches {@code store.max_size_mb} the oldest go first. Safe to call from several threads (they
 * take turns on one connection) and from several processes sharing one PostgreSQL.
 */
public final class HistoryStore implements AutoCloseable {

    /** Records between two prunings (retention, size): cheap, but not on every check. */
    static final int PRUNE_EVERY = 500;
    /** When full, this share of the oldest checks makes room. */
    static final double MAKE_ROOM_SHARE = 0.10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> FACTS = new TypeReference<>() {
    };

    private final Database database;
    private final Duration retention;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong roomMade = new AtomicLong();

    private HistoryStore(Database database, Duration retention) {
        this.database = database;
        this.retention = retention;
    }

    /**
     * Opens the store {@code url} names ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}),
     * applies the migrations it lacks and removes checks past their retention.
     *
     * @throws StoreException with one line for people: locked, damaged, newer schema, unreachable...
     */
    public static HistoryStore open(String url, StoreSettings settings, Clock clock) throws StoreException {
        Database database = Database.open(url, settings.password(), settings.maxSizeMb() * 1024L * 1024L, clock);
        HistoryStore store = new HistoryStore(database, settings.retention());
        try {
            store.prune();
        } catch (SQLException e) {
            // A full or busy store still opens: recording says so later, reading works.
            org.slf4j.LoggerFactory.getLogger(HistoryStore.class).debug("pruning at start failed", e);
        }
        return store;
    }

    /** The connection, for the watches kept beside the history ({@link StoreWatches}). */
    Database database() {
        return database;
    }

    /** What messages call this store: its file, or {@code postgresql://host:port/database}. */
    public String name() {
        return database.name;
    }

    /** Keeps one check. When the store is full, the oldest checks make room and it is tried once more. */
    public void record(CheckRecord record) throws StoreException {
        try {
            try {
                insert(record);
            } catch (SQLException e) {
                if (!database.full(e)) {
                    throw e;
                }
                makeRoom();
                insert(record);
            }
            if (recorded.incrementAndGet() % PRUNE_EVERY == 0) {
                prune();
            }
        } catch (SQLException e) {
            throw database.failure("cannot record the check of " + record.target(), e);
        }
    }

    private void insert(CheckRecord record) throws SQLException {
        String facts;
        try {
            facts = JSON.writeValueAsString(record.facts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts could not be written as JSON", e);
        }
        database.with(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO checks (target, checked_at, severity,"
                    + " problems, verdict, root_cause, asked_via, asked_by, asked_where, took_ms, facts, report)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                PastCheck s = record.summary();
                insert.setQueryTimeout(timeoutSeconds());
                insert.setString(1, record.target());
                insert.setLong(2, record.checkedAt().toEpochMilli());
                insert.setString(3, s.severity().name());
                insert.setInt(4, s.problems() ? 1 : 0);
                insert.setString(5, s.verdict());
                insert.setString(6, s.rootCause().orElse(""));
                insert.setString(7, s.asker().via());
                insert.setString(8, s.asker().who());
                insert.setString(9, s.asker().where());
                insert.setLong(10, s.took().toMillis());
                insert.setString(11, facts);
                insert.setString(12, record.reportJson());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The check of {@code target} before {@code before}, if any. */
    public Optional<PastCheck> previous(String target, Instant before) throws StoreException {
        return summaries(target, before, false, 1).stream().findFirst();
    }

    /** The last check of {@code target} before {@code before} that found no problems, if any. */
    public Optional<PastCheck> lastHealthy(String target, Instant before) throws StoreException {
        return summaries(target, before, true, 1).stream().findFirst();
    }

    /** The last checks of {@code target}, newest first, at most {@code limit}. */
    public List<PastCheck> history(String target, int limit) throws StoreException {
        return summaries(target, Instant.ofEpochMilli(Long.MAX_VALUE), false, limit);
    }

    private List<PastCheck> summaries(String target, Instant before, boolean healthyOnly, int limit) throws StoreException {
        String sql = "SELECT checked_at, severity, problems, verdict, root_cause, asked_via, asked_by, asked_where, took_ms"
                + " FROM checks WHERE target = ?" + (healthyOnly ? " AND problems = 0" : "") + " AND checked_at < ?"
                + " ORDER BY checked_at DESC, id DESC LIMIT ?";
        try {
            return database.with(connection -> {
                List<PastCheck> out = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    query.setQueryTimeout(timeoutSeconds());
                    query.setString(1, target);
                    query.setLong(2, before.toEpochMilli());
                    query.setInt(3, Math.max(0, limit));
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            out.add(new PastCheck(Instant.ofEpochMilli(rows.getLong(1)), severity(rows.getString(2)),
                                    rows.getInt(3) != 0, rows.getString(4),
                                    Optional.of(rows.getString(5)).filter(r -> !r.isEmpty()),
                                    new Asker(rows.getString(6), rows.getString(7), rows.getString(8)),
                                    Duration.ofMillis(rows.getLong(9))));
                        }
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            throw database.failure("cannot read the history of " + target, e);
        }
    }

    /**
     * What changes of a check of {@code target} at {@code before} are computed from: the last
     * {@code limit} checks before it, newest first, and the last check without problems when it is
     * older than those.
     */
    public List<Earlier> earlier(String target, Instant before, int limit) throws StoreException {
        String recent = "SELECT checked_at, problems, facts FROM checks WHERE target = ? AND checked_at < ?"
                + " ORDER BY checked_at DESC, id DESC LIMIT ?";
        String healthy = "SELECT checked_at, problems, facts FROM checks WHERE target = ? AND problems = 0"
                + " AND checked_at < ? ORDER BY checked_at DESC, id DESC LIMIT 1";
        try {
            return database.with(connection -> {
                List<Earlier> out = earlier(connection, recent, target, before, limit);
                if (out.stream().allMatch(Earlier::problems)) {
                    Instant oldest = out.isEmpty() ? before : out.get(out.size() - 1).checkedAt();
                    out.addAll(earlier(connection, healthy, target, oldest, 1));
                }
                return out;
            });
        } catch (SQLException e) {
            throw database.failure("cannot read the history of " + target, e);
        }
    }

    private static List<Earlier> earlier(Connection connection, String sql, String target, Instant before, int limit)
            throws SQLException {
        List<Earlier> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setQueryTimeout(timeoutSeconds());
            query.setString(1, target);
            query.setLong(2, before.toEpochMilli());
            if (sql.endsWith("?")) {
                query.setInt(3, Math.max(0, limit));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(new Earlier(Instant.ofEpochMilli(rows.getLong(1)), rows.getInt(2) != 0, facts(rows.getString(3))));
                }
            }
        }
        return out;
    }

    /** The report of the newest check of {@code target}, in the JSON contract. */
    public Optional<String> lastReport(String target) throws StoreException {
        try {
            return database.with(connection -> {
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT report FROM checks WHERE target = ? ORDER BY checked_at DESC, id DESC LIMIT 1")) {
                    query.setQueryTimeout(timeoutSeconds());
                    query.setString(1, target);
                    try (ResultSet rows = query.executeQuery()) {
                        return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        } catch (SQLException e) {
            throw database.failure("cannot read the history of " + target, e);
        }
    }

    /** Checks kept, all targets. */
    public long count() throws StoreException {
        try {
            return database.with(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM checks")) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            });
        } catch (SQLException e) {
            throw database.failure("cannot count the checks", e);
        }
    }

    /** Removes the checks past {@code store.retention}, and the oldest while PostgreSQL holds more than the size bound. */
    void prune() throws SQLException {
        long cutoff = database.clock.millis() - retention.toMillis();
        database.with(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM checks WHERE checked_at < ?")) {
                delete.setQueryTimeout(timeoutSeconds());
                delete.setLong(1, cutoff);
                delete.executeUpdate();
            }
            return null;
        });
        if (database.dialect == Dialect.POSTGRESQL && database.maxBytes() > 0 && postgresBytes() > database.maxBytes()) {
            makeRoom();
        }
    }

    private long postgresBytes() throws SQLException {
        return database.with(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT pg_total_relation_size('checks')")) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }

    /** Removes the oldest {@link #MAKE_ROOM_SHARE} of the checks (at least one). */
    private void makeRoom() throws SQLException {
        database.with(connection -> {
            long rows;
            try (Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM checks")) {
                rows = count.next() ? count.getLong(1) : 0;
            }
            long remove = Math.max(1, (long) Math.ceil(rows * MAKE_ROOM_SHARE));
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM checks WHERE id IN (SELECT id FROM checks ORDER BY checked_at, id LIMIT ?)")) {
                delete.setQueryTimeout(timeoutSeconds() * 4);
                delete.setLong(1, remove);
                delete.executeUpdate();
            }
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HistoryStore.class);
            if (roomMade.getAndIncrement() == 0) {
                log.info("the history store {} reached its size bound: removed the oldest {} of {} checks"
                        + " (it goes on doing so; store.max_size_mb sets the bound)", database.name, remove, rows);
            } else {
                log.debug("the history store {} is full again: removed the oldest {} of {} checks", database.name, remove, rows);
            }
            return null;
        });
    }

    private static int timeoutSeconds() {
        return (int) Database.BUSY.toSeconds() * 2;
    }

    private static Severity severity(String name) {
        try {
            return Severity.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Severity.INFO;
        }
    }

    private static Map<String, String> facts(String json) {
        try {
            return JSON.readValue(json, FACTS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
