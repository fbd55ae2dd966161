package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rdpcheck.checks.Asker;
import rdpcheck.checks.PastCheck;

import rdpcheck.probes.Target;

/** The shared store against a real PostgreSQL ({@link ThrowawayPostgres}: Debian's server, initdb in a temporary folder). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresStoreTest {

    private static final Target TARGET = SqliteStoreTest.TARGET;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static HistoryStore open(String url) throws StoreException {
        return HistoryStore.open(url, SqliteStoreTest.settings(url), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void record_historyPreviousAndLastHealthy() throws Exception {
        String url = ThrowawayPostgres.get().newDatabase();
        try (HistoryStore store = open(url)) {
            store.record(CheckRecord.of(SqliteStoreTest.report(TARGET, T0, false), Duration.ofMillis(5), new Asker("discord", "42", "G/C")));
            store.record(CheckRecord.of(SqliteStoreTest.report(TARGET, T0.plusSeconds(30), true), Duration.ofMillis(7), Asker.cli()));
            List<PastCheck> history = store.history(TARGET.key(), 10);
            assertEquals(List.of(T0.plusSeconds(30), T0), history.stream().map(PastCheck::checkedAt).toList());
            assertEquals(new Asker("discord", "42", "G/C"), history.get(1).asker());
            assertEquals(T0, store.lastHealthy(TARGET.key(), T0.plusSeconds(31)).orElseThrow().checkedAt());
            assertEquals(2, store.earlier(TARGET.key(), T0.plusSeconds(31), 50).size());
            assertTrue(store.name().startsWith("postgresql://127.0.0.1:"), store.name());
        }
    }

    @Test
    void twoProcessesStartingTogether_migrateOnceAndShareTheChecks() throws Exception {
        String url = ThrowawayPostgres.get().newDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HistoryStore>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit((Callable<HistoryStore>) () -> open(url)));
            }
            List<HistoryStore> stores = new ArrayList<>();
            for (Future<HistoryStore> f : opening) {
                stores.add(f.get(60, TimeUnit.SECONDS));
            }
            for (int i = 0; i < stores.size(); i++) {
                stores.get(i).record(CheckRecord.of(SqliteStoreTest.report(TARGET, T0.plusSeconds(i), false), Duration.ZERO,
                        Asker.cli()));
            }
            for (HistoryStore store : stores) {
                assertEquals(4, store.history(TARGET.key(), 10).size(), "every replica sees every check");
                store.close();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT COUNT(*) FROM rdpcheck_schema")) {
            rows.next();
            assertEquals(Migrations.known(Dialect.POSTGRESQL).size(), rows.getInt(1), "each migration applied once");
        }
    }

    @Test
    void newerSchema_isRefusedInOneLine() throws Exception {
        String url = ThrowawayPostgres.get().newDatabase();
        open(url).close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO rdpcheck_schema (version, description, applied_at) VALUES (42, 'later', 0)");
        }
        StoreException e = assertThrows(StoreException.class, () -> open(url));
        assertTrue(e.getMessage().endsWith("was written by a newer rdpcheck (schema version 42; this rdpcheck knows up to "
                + Migrations.latest(Dialect.POSTGRESQL) + "): update rdpcheck, or point store.url at another store"), e.getMessage());
    }

    @Test
    void serverGoneMidway_reconnectsOnTheNextCall() throws Exception {
        String url = ThrowawayPostgres.get().newDatabase();
        try (HistoryStore store = open(url)) {
            store.record(CheckRecord.of(SqliteStoreTest.report(TARGET, T0, false), Duration.ZERO, Asker.cli()));
            // The server ends every session of this database, as a restart or failover would.
            try (Connection admin = DriverManager.getConnection(ThrowawayPostgres.get().adminUrl());
                 Statement s = admin.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + url.replaceAll(".*/([^/?]+)\\?.*", "$1") + "' AND pid <> pg_backend_pid()");
            }
            store.record(CheckRecord.of(SqliteStoreTest.report(TARGET, T0.plusSeconds(1), false), Duration.ZERO, Asker.cli()));
            assertEquals(2, store.count());
        }
    }

    @Test
    void missingDatabaseAndClosedPort_areOneLineEach() {
        ThrowawayPostgres pg = ThrowawayPostgres.get();
        StoreException missing = assertThrows(StoreException.class, () -> open(pg.url("no_such_db")));
        assertEquals("the history store postgresql://127.0.0.1:" + pg.port() + "/no_such_db: the database does not exist"
                + " (create it first)", missing.getMessage());
        StoreException closed = assertThrows(StoreException.class,
                () -> open("jdbc:postgresql://127.0.0.1:1/rdpcheck?user=rdpcheck"));
        assertTrue(closed.getMessage().startsWith("cannot reach the history store postgresql://127.0.0.1:1/rdpcheck ("),
                closed.getMessage());
        assertEquals(Optional.of(closed.getMessage()), Stores.history(new StoreSettings(
                "jdbc:postgresql://127.0.0.1:1/rdpcheck?user=rdpcheck", Duration.ofDays(1), 10, Optional.empty()),
                java.util.Map.of()).off());
    }
}
