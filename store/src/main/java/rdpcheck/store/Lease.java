package rdpcheck.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of {@code leases}: taken, renewed and given back by single statements timed by the
 * database's own clock, so the replicas never compare clocks with each other. A lease nobody renewed
 * past its end may be taken by anyone; the one who holds it may renew it any time.
 */
final class Lease {

    /** Who holds a lease, and for how much longer (by the database's clock). */
    record Holder(String holder, long term, Duration left) {
    }

    private final Database database;
    private final String name;
    private final String holder;

    Lease(Database database, String name, String holder) {
        this.database = database;
        this.name = name;
        this.holder = holder;
    }

    /**
     * Takes the lease, or renews it, until {@code length} from now by the database's clock: its term
     * when this holder has it now, empty when another holder's lease is still running.
     */
    OptionalLong acquire(Duration length, int timeoutSeconds) throws SQLException {
        String sql = database.dialect.timed("INSERT INTO leases (name, holder, expires_at, term) VALUES (?, ?, ${now} + ?, 1)"
                + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,"
                + " term = CASE WHEN leases.holder = excluded.holder THEN leases.term ELSE leases.term + 1 END"
                + " WHERE leases.holder = excluded.holder OR leases.expires_at <= ${now}"
                + " RETURNING term");
        return database.with(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(timeoutSeconds);
                statement.setString(1, name);
                statement.setString(2, holder);
                statement.setLong(3, length.toMillis());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    /** Gives the lease back when this holder has it: another replica may take it at once. */
    void release(int timeoutSeconds) throws SQLException {
        database.with(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE leases SET expires_at = 0 WHERE name = ? AND holder = ?")) {
                statement.setQueryTimeout(timeoutSeconds);
                statement.setString(1, name);
                statement.setString(2, holder);
                return statement.executeUpdate();
            }
        });
    }

    /** Who holds the lease now, if anyone's is running. */
    Optional<Holder> current(int timeoutSeconds) throws SQLException {
        String sql = database.dialect.timed("SELECT holder, term, expires_at - ${now} FROM leases WHERE name = ?");
        return database.with(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(timeoutSeconds);
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next() || rows.getLong(3) <= 0) {
                        return Optional.<Holder>empty();
                    }
                    return Optional.of(new Holder(rows.getString(1), rows.getLong(2), Duration.ofMillis(rows.getLong(3))));
                }
            }
        });
    }
}
