package rdpcheck.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;

/** The two engines a shared store runs on, for tests that must hold on both: a fresh store of each. */
enum Engines {
    SQLITE, POSTGRESQL;

    /** A new empty store's URL: a file in {@code dir}, or a new database in the throwaway PostgreSQL. */
    String newStore(Path dir) {
        if (this == POSTGRESQL) {
            return ThrowawayPostgres.get().newDatabase();
        }
        // Made and switched to WAL before the replicas open it together, as serve's history does first.
        String url = "jdbc:sqlite:" + dir.resolve("shared-" + System.nanoTime() + ".db");
        try {
            open(url).close();
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return url;
    }

    /** The store at {@code url}, migrated. */
    static Database open(String url) throws StoreException {
        return Database.open(url, Optional.empty(), 1024L * 1024 * 1024, Clock.systemUTC());
    }

    /**
     * Holds the write lock on {@code leases} (and, on SQLite, the whole file) from another connection
     * until the returned connection is closed: every renewal waits, as behind a stuck or unreachable store.
     */
    Connection blockLeases(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            if (this == SQLITE) {
                statement.execute("UPDATE leases SET term = term");
            } else {
                statement.execute("LOCK TABLE leases IN ACCESS EXCLUSIVE MODE");
            }
        }
        return connection;
    }
}
