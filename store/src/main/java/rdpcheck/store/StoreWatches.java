package rdpcheck.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import rdpcheck.checks.watch.AlertEvent;
import rdpcheck.checks.watch.Watch;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.checks.watch.WatchState;
import rdpcheck.checks.watch.Watches;
import rdpcheck.probes.InvalidTargetException;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;

/**
 * Watches and their alerts in the history's database (tables of migration V2). Nothing is kept in
 * memory: replicas sharing one PostgreSQL see the same watches, and an alert's row (unique per watch
 * and event key) is inserted before the alert is posted, so only the replica whose insert won posts.
 */
final class StoreWatches implements Watches {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, target, platform, channel, every_s, added_by, added_at, next_due, paused, state";

    private final Database database;

    StoreWatches(Database database) {
        this.database = database;
    }

    @Override
    public Optional<String> off() {
        return Optional.empty();
    }

    @Override
    public Added add(Target target, WatchChannel channel, Duration every, String addedBy, Instant now, Instant firstRun,
                     int maxPerChannel, int maxTotal) {
        return write("cannot add the watch of " + target.key(), connection -> {
            Optional<Watch> existing = one(connection, "SELECT " + COLUMNS
                    + " FROM watches WHERE platform = ? AND channel = ? AND target = ?", channel.platform(), channel.id(), target.key());
            if (existing.isPresent()) {
                Watch old = existing.get();
                Instant nextDue = old.nextDue().isAfter(now.plus(every)) ? now.plus(every) : old.nextDue();
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE watches SET every_s = ?, next_due = ? WHERE id = ?")) {
                    update.setLong(1, every.toSeconds());
                    update.setLong(2, nextDue.toEpochMilli());
                    update.setLong(3, old.id());
                    update.executeUpdate();
                }
                return new Added.Updated(new Watch(old.id(), old.target(), old.channel(), every, old.addedBy(), old.addedAt(),
                        nextDue, old.paused(), old.state()));
            }
            long inChannel = count(connection, "SELECT COUNT(*) FROM watches WHERE platform = ? AND channel = ?",
                    channel.platform(), channel.id());
            if (inChannel >= maxPerChannel) {
                return new Added.Full("this channel has " + inChannel + " watches already, the most it may have"
                        + " (watch.max_per_channel); remove one first");
            }
            long total = count(connection, "SELECT COUNT(*) FROM watches");
            if (total >= maxTotal) {
                return new Added.Full("rdpcheck has " + total + " watches already, the most it may have (watch.max_total)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO watches (target, platform, channel,"
                    + " every_s, added_by, added_at, next_due, paused, state) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)")) {
                insert.setString(1, target.key());
                insert.setString(2, channel.platform());
                insert.setString(3, channel.id());
                insert.setLong(4, every.toSeconds());
                insert.setString(5, addedBy);
                insert.setLong(6, now.toEpochMilli());
                insert.setLong(7, firstRun.toEpochMilli());
                insert.setString(8, state(WatchState.NEVER));
                insert.executeUpdate();
            }
            Watch added = one(connection, "SELECT " + COLUMNS + " FROM watches WHERE platform = ? AND channel = ? AND target = ?",
                    channel.platform(), channel.id(), target.key()).orElseThrow();
            return new Added.New(added);
        });
    }

    @Override
    public boolean remove(WatchChannel channel, Target target) {
        return write("cannot remove the watch of " + target.key(), connection -> {
            Optional<Watch> existing = one(connection, "SELECT " + COLUMNS
                    + " FROM watches WHERE platform = ? AND channel = ? AND target = ?", channel.platform(), channel.id(), target.key());
            if (existing.isEmpty()) {
                return false;
            }
            update(connection, "DELETE FROM alerts WHERE watch = ?", existing.get().id());
            update(connection, "DELETE FROM watches WHERE id = ?", existing.get().id());
            return true;
        });
    }

    @Override
    public List<Watch> list(WatchChannel channel) {
        return read("cannot read the watches of " + channel, connection -> many(connection, "SELECT " + COLUMNS
                + " FROM watches WHERE platform = ? AND channel = ? ORDER BY target", channel.platform(), channel.id()));
    }

    @Override
    public List<Watch> all() {
        return read("cannot read the watches", connection -> many(connection, "SELECT " + COLUMNS
                + " FROM watches ORDER BY platform, channel, target"));
    }

    @Override
    public List<Watch> due(Instant now, int limit) {
        return read("cannot read the watches", connection -> many(connection, "SELECT " + COLUMNS
                + " FROM watches WHERE next_due <= ? ORDER BY next_due, id LIMIT ?", now.toEpochMilli(), Math.max(0, limit)));
    }

    @Override
    public boolean reschedule(long id, Instant nextDue) {
        return write("cannot schedule watch " + id, connection -> update(connection,
                "UPDATE watches SET next_due = ? WHERE id = ?", nextDue.toEpochMilli(), id) == 1);
    }

    @Override
    public void ran(long id, WatchState state) {
        write("cannot keep the run of watch " + id, connection -> update(connection,
                "UPDATE watches SET state = ? WHERE id = ?", state(state), id));
    }

    @Override
    public boolean pause(long id, String reason) {
        String why = reason.isBlank() ? "paused" : reason.strip();
        return write("cannot pause watch " + id, connection -> update(connection,
                "UPDATE watches SET paused = ? WHERE id = ? AND paused = ''", why, id) == 1);
    }

    @Override
    public boolean resume(long id) {
        return write("cannot resume watch " + id, connection -> update(connection,
                "UPDATE watches SET paused = '' WHERE id = ? AND paused <> ''", id) == 1);
    }

    @Override
    public boolean claim(long id, AlertEvent event, Instant at) {
        // ON CONFLICT DO NOTHING: both SQLite (3.24+) and PostgreSQL; the unique key decides who posts
        return write("cannot keep the alert of watch " + id, connection -> update(connection,
                "INSERT INTO alerts (watch, event_key, kind, text, raised_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (watch, event_key) DO NOTHING",
                id, event.key(), event.kind().name(), event.text(), at.toEpochMilli()) == 1);
    }

    /** Alerts kept for watch {@code id}, oldest first: for tests and {@code rdpcheck watch list}. */
    List<String> alertKeys(long id) {
        return read("cannot read the alerts", connection -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT event_key FROM alerts WHERE watch = ? ORDER BY id")) {
                query.setLong(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
            return keys;
        });
    }

    private <T> T read(String doing, Database.Work<T> work) {
        try {
            return database.with(work);
        } catch (SQLException e) {
            throw new Unavailable(database.explain(doing, e), e);
        }
    }

    /** One transaction: SQLite takes its write lock when it begins (IMMEDIATE), so a count and an insert see one state. */
    private <T> T write(String doing, Database.Work<T> work) {
        return read(doing, connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    private static long count(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static Optional<Watch> one(Connection connection, String sql, Object... values) throws SQLException {
        return many(connection, sql, values).stream().findFirst();
    }

    private static List<Watch> many(Connection connection, String sql, Object... values) throws SQLException {
        List<Watch> out = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, values); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                watch(rows).ifPresent(out::add);
            }
        }
        return out;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout((int) Database.BUSY.toSeconds() * 2);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    /** A row as a watch; a row whose target no longer parses (a stricter parser) is skipped, not a failure. */
    private static Optional<Watch> watch(ResultSet rows) throws SQLException {
        Target target;
        try {
            target = target(rows.getString(2));
        } catch (InvalidTargetException e) {
            return Optional.empty();
        }
        String paused = rows.getString(9);
        return Optional.of(new Watch(rows.getLong(1), target, new WatchChannel(rows.getString(3), rows.getString(4)),
                Duration.ofSeconds(rows.getLong(5)), rows.getString(6), Instant.ofEpochMilli(rows.getLong(7)),
                Instant.ofEpochMilli(rows.getLong(8)), paused.isEmpty() ? Optional.empty() : Optional.of(paused),
                state(rows.getString(10))));
    }

    /** A target from its key: {@code HOST:PORT}, {@code HOST:PORT gateway} or {@code HOST:PORT via GW:PORT}. */
    static Target target(String key) throws InvalidTargetException {
        int via = key.indexOf(" " + TargetParser.VIA_WORD + " ");
        if (via > 0) {
            return TargetParser.via(key.substring(0, via), key.substring(via + TargetParser.VIA_WORD.length() + 2));
        }
        String gateway = " " + TargetParser.GATEWAY_WORD;
        if (key.endsWith(gateway)) {
            return TargetParser.gateway(key.substring(0, key.length() - gateway.length()));
        }
        return TargetParser.parse(key);
    }

    static String state(WatchState state) {
        ObjectNode node = JSON.createObjectNode();
        state.at().ifPresent(at -> node.put("at", at.toEpochMilli()));
        node.put("problems", state.problems());
        node.set("critical", JSON.valueToTree(new java.util.TreeMap<>(state.critical())));
        node.set("facts", JSON.valueToTree(new java.util.TreeMap<>(state.facts())));
        return node.toString();
    }

    static WatchState state(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Optional<Instant> at = node.hasNonNull("at") ? Optional.of(Instant.ofEpochMilli(node.get("at").asLong()))
                    : Optional.empty();
            return new WatchState(at, node.path("problems").asBoolean(false), strings(node.path("critical")),
                    strings(node.path("facts")));
        } catch (JsonProcessingException e) {
            return WatchState.NEVER;
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
