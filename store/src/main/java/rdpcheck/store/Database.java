package rdpcheck.store;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import rdpcheck.config.Secret;

/**
 * One connection to the store, used by one caller at a time, opened again after it broke (a
 * restarted PostgreSQL, a network blip). Everything the store keeps is in the database itself,
 * nothing in memory, so several processes can share one PostgreSQL.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=NORMAL}: a commit is in the write-ahead log
 * before the call returns, so a crash or {@code kill -9} loses at most the check being written. Each
 * write transaction takes the file's write lock when it starts ({@code IMMEDIATE}) and waits at most
 * {@link #BUSY} for another process holding it.
 */
final class Database implements AutoCloseable {

    /** How long a statement waits for a lock another process holds, or for a slow server. */
    static final Duration BUSY = Duration.ofSeconds(3);
    static final Duration CONNECT = Duration.ofSeconds(5);

    /** SQLite's result codes the messages tell apart (sqlite3.h). */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    final Dialect dialect;
    final String url;
    /** What messages call the store: the file, or host:port/database. */
    final String name;
    private final Optional<Secret> password;
    private final long maxBytes;
    final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private boolean closed;

    private Database(String url, Optional<Secret> password, long maxBytes, Clock clock) {
        this.url = url;
        this.dialect = Dialect.of(url);
        this.name = describe(url, dialect);
        this.password = password;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Opens the store and brings its schema up to date. */
    static Database open(String url, Optional<Secret> password, long maxBytes, Clock clock) throws StoreException {
        Database database = new Database(url, password, maxBytes, clock);
        if (database.dialect == Dialect.SQLITE) {
            database.createFolder();
        }
        try {
            database.connection = database.connect();
            Migrations.apply(database.connection, database.dialect, clock.millis());
            return database;
        } catch (SQLException e) {
            database.close();
            throw database.failure("cannot open", e);
        } catch (Migrations.NewerSchemaException e) {
            database.close();
            throw new StoreException("the history store " + database.name + " was written by a newer rdpcheck ("
                    + e.getMessage() + "): update rdpcheck, or point store.url at another store", e);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on the connection, alone; a broken connection is opened again once. */
    <T> T with(Work<T> work) throws SQLException {
        try {
            if (!lock.tryLock(BUSY.toMillis() + CONNECT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLException("the store was busy with another check for too long", "57014");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the store", "57014", e);
        }
        try {
            if (closed) {
                throw new SQLException("the store is closed", "08003");
            }
            if (connection == null || connection.isClosed()) {
                connection = connect();
            }
            try {
                return work.run(connection);
            } catch (SQLException e) {
                if (!broken(e)) {
                    throw e;
                }
                closeQuietly();
                connection = connect();
                return work.run(connection);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the connection itself failed rather than the statement: PostgreSQL's SQLSTATE class 08
     * (connection exception) or 57P (the server shut down or ended the session: a restart, a failover).
     */
    private boolean broken(SQLException e) {
        String state = e.getSQLState();
        return dialect == Dialect.POSTGRESQL && state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (dialect == Dialect.SQLITE) {
            // Every write transaction takes the write lock when it begins: no lock upgrade that could deadlock.
            properties.setProperty("transaction_mode", "IMMEDIATE");
            properties.setProperty("busy_timeout", String.valueOf(BUSY.toMillis()));
            Connection c = DriverManager.getConnection(url, properties);
            try (Statement statement = c.createStatement()) {
                statement.setQueryTimeout((int) BUSY.toSeconds());
                statement.execute("PRAGMA busy_timeout = " + BUSY.toMillis());
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = NORMAL");
                if (maxBytes > 0) {
                    long pageSize = 4096;
                    try (var rows = statement.executeQuery("PRAGMA page_size")) {
                        if (rows.next()) {
                            pageSize = rows.getLong(1);
                        }
                    }
                    statement.execute("PRAGMA max_page_count = " + Math.max(16, maxBytes / pageSize));
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT.toSeconds()));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT.toSeconds()));
        properties.setProperty("socketTimeout", String.valueOf(BUSY.toSeconds() * 4));
        properties.setProperty("ApplicationName", "rdpcheck");
        password.ifPresent(p -> properties.setProperty("password", p.reveal()));
        DriverManager.setLoginTimeout((int) CONNECT.toSeconds());
        return DriverManager.getConnection(url, properties);
    }

    private void createFolder() throws StoreException {
        Path file = sqliteFile(url);
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder);
            try {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own defaults apply
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of the history store " + name + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            return Path.of(URI.create(rest).getPath());
        }
        return Path.of(rest);
    }

    static String describe(String url, Dialect dialect) {
        if (dialect == Dialect.SQLITE) {
            return sqliteFile(url).toString();
        }
        String rest = url.substring("jdbc:postgresql:".length());
        int query = rest.indexOf('?');
        return "postgresql:" + (query >= 0 ? rest.substring(0, query) : rest);
    }

    /** One line for people from what the driver said: locked, full, damaged, newer, unreachable... */
    StoreException failure(String doing, SQLException e) {
        return new StoreException(explain(doing, e), e);
    }

    /** sqlite-jdbc found no native library for this platform (the jar keeps only some, app/pom.xml). */
    private static boolean noNativeLibrary(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("NativeLibraryNotFoundException")) {
                return true;
            }
        }
        return false;
    }

    String explain(String doing, SQLException e) {
        String what = "the history store " + name;
        if (dialect == Dialect.SQLITE) {
            int code = e.getErrorCode() & 0xff;
            switch (code) {
                case SQLITE_BUSY:
                case SQLITE_LOCKED:
                    return what + " is locked by another program (waited " + BUSY.toSeconds() + " s)";
                case SQLITE_FULL:
                    return what + " is full (store.max_size_mb, or the disk)";
                case SQLITE_NOTADB:
                case SQLITE_CORRUPT:
                    return what + " is damaged or not an SQLite database: move it away and rdpcheck starts a new one";
                case SQLITE_READONLY:
                    return what + " cannot be written (read-only file or folder)";
                case SQLITE_CANTOPEN:
                    return what + " cannot be opened (does its folder exist, and may rdpcheck write there?)";
                case SQLITE_IOERR:
                    return what + " could not be read or written (disk error or disk full)";
                default:
                    break;
            }
            if (noNativeLibrary(e)) {
                return what + " cannot be used: rdpcheck.jar carries SQLite's library for 64-bit Linux, macOS and"
                        + " Windows only, not for " + System.getProperty("os.name") + " on " + System.getProperty("os.arch")
                        + " (store.url can name a PostgreSQL)";
            }
            return what + ": " + doing + ": " + firstLine(e.getMessage());
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
            return "cannot reach " + what + " (" + firstLine(e.getMessage()) + ")";
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return what + " refused the login: check the user in store.url and store.password";
        }
        if (state.equals("3D000")) {
            return what + ": the database does not exist (create it first)";
        }
        if (state.equals("53100")) {
            return what + " is full (the server's disk)";
        }
        return what + ": " + doing + ": " + firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** Whether {@code e} says the store is full (SQLite's size bound or disk). */
    boolean full(SQLException e) {
        if (dialect == Dialect.SQLITE) {
            int code = e.getErrorCode() & 0xff;
            return code == SQLITE_FULL;
        }
        return "53100".equals(e.getSQLState());
    }

    long maxBytes() {
        return maxBytes;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    /** Ends a failed transaction; the failure that caused it is the one worth telling. */
    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the first failure is the one worth telling
        }
    }

    /** For messages: the engine in words. */
    String engine() {
        return dialect.name().toLowerCase(Locale.ROOT);
    }
}
