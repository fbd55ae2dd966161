package rdpcheck.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Versioned schema migrations, applied at start: {@code /rdpcheck/store/V1.sql}, {@code V2.sql},
 * ... in order (the same file for both engines, {@link Dialect} fills in what differs), each once, each in its own transaction together with its row in
 * {@code rdpcheck_schema}. Every known version the store lacks is applied, not only those above its
 * newest: parts built side by side take numbers ahead of time (V3 may be on a branch before V2 is), and a
 * store that got V3 first still gets V2 when it arrives. Such migrations touch tables of their own. Two processes starting together take turns (PostgreSQL: an advisory
 * lock; SQLite: an immediate transaction), so each version is applied exactly once. A store whose
 * newest version is above what this rdpcheck knows came from a newer rdpcheck and is refused.
 *
 * <p>Why not Flyway: it costs a command-line start a few hundred milliseconds of class-path scanning
 * and adds two megabytes of jar, for what is here one table and a loop; its SQLite support is also a
 * community module. A migration file is plain SQL, statements ending with ';' at the end of a line.
 */
final class Migrations {

    /** Any constant: the key of the PostgreSQL advisory lock migrating replicas take turns on. */
    static final long LOCK_KEY = 0x7264_7063_6865_636BL; // "rdpcheck"

    private static final String TABLE = "rdpcheck_schema";

    private Migrations() {
    }

    record Migration(int version, String description, String sql) {
    }

    /** Numbers a missing migration file may leave out before the list is taken to end. */
    static final int MAX_GAP = 3;

    /** This rdpcheck's migrations for {@code dialect}, V1 upwards (a number reserved by work not here yet is skipped). */
    static List<Migration> known(Dialect dialect) {
        List<Migration> migrations = new ArrayList<>();
        for (int version = 1, missing = 0; missing <= MAX_GAP; version++) {
            String resource = "/rdpcheck/store/V" + version + ".sql";
            try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
                if (in == null) {
                    missing++;
                    continue;
                }
                missing = 0;
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String first = sql.lines().findFirst().orElse("");
                String description = first.startsWith("--") ? first.substring(2).strip() : "V" + version;
                migrations.add(new Migration(version, description, dialect.sql(sql)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        }
        return List.copyOf(migrations);
    }

    /** The highest version this rdpcheck knows for {@code dialect}. */
    static int latest(Dialect dialect) {
        List<Migration> known = known(dialect);
        return known.isEmpty() ? 0 : known.get(known.size() - 1).version();
    }

    /**
     * Brings the schema up to date; returns the version it is at.
     *
     * @throws NewerSchemaException when the store has a version this rdpcheck does not know
     */
    static int apply(Connection connection, Dialect dialect, long now) throws SQLException, NewerSchemaException {
        List<Migration> migrations = known(dialect);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                    statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                }
                statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                        + " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            }
            Set<Integer> applied = applied(connection);
            Set<Integer> ours = new HashSet<>();
            migrations.forEach(m -> ours.add(m.version()));
            int latest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
            int newest = applied.stream().max(Integer::compare).orElse(0);
            if (!ours.containsAll(applied)) {
                connection.rollback();
                throw new NewerSchemaException(newest, latest);
            }
            for (Migration migration : migrations) {
                if (applied.contains(migration.version())) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements(migration.sql())) {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    insert.setLong(3, now);
                    insert.executeUpdate();
                }
            }
            connection.commit();
            return Math.max(latest, newest);
        } catch (SQLException | RuntimeException e) {
            Database.rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static Set<Integer> applied(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM " + TABLE)) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    /** The statements of a migration file: split at ';' ending a line, comments and blank lines dropped. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (stripped.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** The store was migrated by a newer rdpcheck. */
    static final class NewerSchemaException extends Exception {
        private static final long serialVersionUID = 1L;
        final int found;
        final int known;

        NewerSchemaException(int found, int known) {
            super("schema version " + found + "; this rdpcheck knows up to " + known);
            this.found = found;
            this.known = known;
        }
    }
}
