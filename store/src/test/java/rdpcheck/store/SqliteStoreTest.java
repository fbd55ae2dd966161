package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rdpcheck.checks.Asker;
import rdpcheck.checks.History;
import rdpcheck.checks.PastCheck;

import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

/** The embedded store against the real SQLite engine: kept checks, and every way the file can be unusable. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SqliteStoreTest {

    static final Target TARGET = new Target("rdp01.corp.example", 3389, "rdp01.corp.example");

    @TempDir
    Path dir;

    static StoreSettings settings(String url) {
        return new StoreSettings(url, Duration.ofDays(90), 1024, Optional.empty());
    }

    static Report report(Target target, Instant at, boolean problems) {
        return Reports.synthetic(target, at, problems);
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("history.db");
    }

    @Test
    void record_historyIsNewestFirstWithWhoAsked() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        try (HistoryStore store = HistoryStore.open(url(), settings(url()), Clock.fixed(t0, ZoneOffset.UTC))) {
            store.record(CheckRecord.of(report(TARGET, t0, false), Duration.ofMillis(120), new Asker("slack", "U1", "T1/C1")));
            store.record(CheckRecord.of(report(TARGET, t0.plusSeconds(60), true), Duration.ofMillis(80), Asker.cli()));
            store.record(CheckRecord.of(report(new Target("other", 3389, "other"), t0.plusSeconds(90), true),
                    Duration.ofMillis(80), Asker.cli()));

            List<PastCheck> history = store.history(TARGET.key(), 10);
            assertEquals(2, history.size());
            assertEquals(t0.plusSeconds(60), history.get(0).checkedAt());
            assertTrue(history.get(0).problems());
            assertEquals(new Asker("slack", "U1", "T1/C1"), history.get(1).asker());
            assertEquals(Duration.ofMillis(120), history.get(1).took());
            assertEquals(1, store.history(TARGET.key(), 1).size(), "bounded by the limit");

            assertEquals(t0.plusSeconds(60), store.previous(TARGET.key(), t0.plusSeconds(61)).orElseThrow().checkedAt());
            assertEquals(t0, store.lastHealthy(TARGET.key(), t0.plusSeconds(61)).orElseThrow().checkedAt());
            assertTrue(store.previous(TARGET.key(), t0).isEmpty(), "nothing before the first check");
        }
    }

    @Test
    void reopen_keepsChecksAndAppliesNoMigrationTwice() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        Clock clock = Clock.fixed(t0, ZoneOffset.UTC);
        try (HistoryStore store = HistoryStore.open(url(), settings(url()), clock)) {
            store.record(CheckRecord.of(report(TARGET, t0, false), Duration.ZERO, Asker.cli()));
        }
        try (HistoryStore store = HistoryStore.open(url(), settings(url()), clock)) {
            assertEquals(1, store.count());
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT COUNT(*), MAX(version) FROM rdpcheck_schema")) {
            rows.next();
            assertEquals(Migrations.known(Dialect.SQLITE).size(), rows.getInt(1));
            assertEquals(Migrations.latest(Dialect.SQLITE), rows.getInt(2));
        }
    }

    @Test
    void retention_removesChecksOlderThanIt() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        StoreSettings week = new StoreSettings(url(), Duration.ofDays(7), 1024, Optional.empty());
        try (HistoryStore store = HistoryStore.open(url(), week, Clock.fixed(t0, ZoneOffset.UTC))) {
            store.record(CheckRecord.of(report(TARGET, t0.minus(Duration.ofDays(8)), false), Duration.ZERO, Asker.cli()));
            store.record(CheckRecord.of(report(TARGET, t0.minus(Duration.ofDays(6)), false), Duration.ZERO, Asker.cli()));
        }
        try (HistoryStore store = HistoryStore.open(url(), week, Clock.fixed(t0, ZoneOffset.UTC))) {
            List<PastCheck> left = store.history(TARGET.key(), 10);
            assertEquals(List.of(t0.minus(Duration.ofDays(6))), left.stream().map(PastCheck::checkedAt).toList());
        }
    }

    @Test
    void newerSchema_isRefusedInOneLineAndChecksGoOn() throws Exception {
        try (HistoryStore store = HistoryStore.open(url(), settings(url()), Clock.systemUTC())) {
            store.record(CheckRecord.of(report(TARGET, Instant.now(), false), Duration.ZERO, Asker.cli()));
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO rdpcheck_schema (version, description, applied_at) VALUES (99, 'from the future', 0)");
        }
        StoreException e = assertThrows(StoreException.class, () -> HistoryStore.open(url(), settings(url()), Clock.systemUTC()));
        assertEquals("the history store " + dir.resolve("history.db") + " was written by a newer rdpcheck (schema version 99;"
                + " this rdpcheck knows up to " + Migrations.latest(Dialect.SQLITE) + "): update rdpcheck, or point store.url"
                + " at another store", e.getMessage());
        History history = Stores.history(settings(url()), Map.of());
        assertEquals(Optional.of(e.getMessage()), history.off());
        Report report = report(TARGET, Instant.now(), false);
        assertEquals(report, history.compared(report), "checks go on without the store");
    }

    @Test
    void platformWithoutSqliteLibrary_historyIsOff_inOneLineNamingIt() throws Exception {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(javaBinary, "-Dos.arch=sparc", "-cp", System.getProperty("java.class.path"),
                NoLibraryChild.class.getName(), url())).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), out);
        assertTrue(out.contains("off: the history store " + dir.resolve("history.db") + " cannot be used: rdpcheck.jar carries"
                + " SQLite's library for 64-bit Linux, macOS and Windows only, not for Linux on sparc"), out);
    }

    @Test
    void damagedFile_isOneLineNotAStackTrace() throws Exception {
        Files.write(dir.resolve("history.db"), "this is not a database, just text someone left here\n".repeat(100)
                .getBytes(StandardCharsets.US_ASCII));
        StoreException e = assertThrows(StoreException.class, () -> HistoryStore.open(url(), settings(url()), Clock.systemUTC()));
        assertEquals("the history store " + dir.resolve("history.db") + " is damaged or not an SQLite database: move it away"
                + " and rdpcheck starts a new one", e.getMessage());
    }

    @Test
    void fileLockedByAnotherWriter_isOneLineAfterTheBusyWait() throws Exception {
        try (HistoryStore store = HistoryStore.open(url(), settings(url()), Clock.systemUTC())) {
            assertEquals(0, store.count());
        }
        try (Connection holder = DriverManager.getConnection(url()); Statement s = holder.createStatement()) {
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            long started = System.nanoTime();
            StoreException e = assertThrows(StoreException.class, () -> HistoryStore.open(url(), settings(url()), Clock.systemUTC()));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals("the history store " + dir.resolve("history.db") + " is locked by another program (waited 3 s)",
                    e.getMessage());
            assertTrue(waited >= 2_500 && waited < 20_000, "waited " + waited + " ms for the lock");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void sizeBound_theOldestChecksMakeRoom() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        StoreSettings tiny = new StoreSettings(url(), Duration.ofDays(90), 1, Optional.empty());
        try (HistoryStore store = HistoryStore.open(url(), tiny, Clock.fixed(t0, ZoneOffset.UTC))) {
            String padding = "x".repeat(20_000);
            for (int i = 0; i < 200; i++) {
                Report r = Reports.withVerdict(report(TARGET, t0.plusSeconds(i), false), "check " + i + " " + padding);
                store.record(CheckRecord.of(r, Duration.ZERO, Asker.cli()));
            }
            long kept = store.count();
            assertTrue(kept < 200 && kept > 10, "kept " + kept + " of 200 checks of 20 kB in 1 MiB");
            assertEquals(t0.plusSeconds(199), store.history(TARGET.key(), 1).get(0).checkedAt(), "the newest is kept");
        }
        assertTrue(Files.size(dir.resolve("history.db")) <= 1024 * 1024 + 64 * 1024,
                "the file stays within its bound: " + Files.size(dir.resolve("history.db")));
    }

    @Test
    void defaultFile_followsXdgStateHome() {
        assertEquals(Path.of("/state/rdpcheck/history.db"), Stores.defaultFile(Map.of("XDG_STATE_HOME", "/state")));
        assertEquals(Path.of(System.getProperty("user.home"), ".local/state/rdpcheck/history.db"),
                Stores.defaultFile(Map.of("XDG_STATE_HOME", "relative/ignored")));
        assertFalse(Stores.url(settings(""), Map.of("XDG_STATE_HOME", "/s")).contains("none"));
        assertEquals("jdbc:sqlite:/s/rdpcheck/history.db", Stores.url(settings(""), Map.of("XDG_STATE_HOME", "/s")));
    }
}
