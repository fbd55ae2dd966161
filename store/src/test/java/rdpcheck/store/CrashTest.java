package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash loses at most the check in flight: a real child JVM records checks into SQLite as fast as it
 * can and is killed with SIGKILL ({@code kill -9}) in the middle; every check it reported committed is
 * there, at most one more, and the file passes SQLite's integrity check and takes new checks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashTest {

    @TempDir
    Path dir;

    @Test
    void killMinus9DuringWrites_losesAtMostTheCheckInFlight() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("history.db");
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(javaBinary, "-cp", System.getProperty("java.class.path"),
                KillChild.class.getName(), url)).redirectErrorStream(true).start();
        long committed = 0;
        boolean killed = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            // Read to the end: after the kill, the pipe still holds the lines the child wrote before it died.
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("committed ")) {
                    committed = Long.parseLong(line.substring("committed ".length()));
                    if (committed == 300 && !killed) {
                        // SIGKILL: no shutdown hook, no close, in the middle of an INSERT or between two.
                        new ProcessBuilder("kill", "-9", String.valueOf(child.pid())).start().waitFor(10, TimeUnit.SECONDS);
                        killed = true;
                    }
                } else {
                    System.err.println("child: " + line);
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child is gone");
        assertTrue(killed, "the child recorded 300 checks before it was killed; it said " + committed);
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            assertEquals("ok", rows.getString(1));
        }
        try (HistoryStore store = HistoryStore.open(url, SqliteStoreTest.settings(url), Clock.systemUTC())) {
            long kept = store.count();
            assertTrue(kept >= committed && kept <= committed + 1,
                    "every committed check is kept, at most the one in flight more: " + kept + " after " + committed);
            store.record(CheckRecord.of(SqliteStoreTest.report(SqliteStoreTest.TARGET, java.time.Instant.now(), false),
                    java.time.Duration.ZERO, rdpcheck.checks.Asker.cli()));
            assertEquals(kept + 1, store.count(), "the store takes new checks after the crash");
        }
    }
}
