package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations numbered ahead of time by parts built side by side: each applied once, whatever came first. */
class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void storeLackingAVersionBelowItsNewest_getsItAppliedOnce() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("history.db");
        Engines.open(url).close();
        List<Migrations.Migration> known = Migrations.known(Dialect.SQLITE);
        assertTrue(known.size() >= 2, "V1 and this part's V3 at least");
        // As a store migrated by a build that had V3 but not yet an earlier number: its tables and row are missing.
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE checks");
            s.execute("DELETE FROM rdpcheck_schema WHERE version = 1");
        }
        Engines.open(url).close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT COUNT(*), (SELECT COUNT(*) FROM checks) FROM rdpcheck_schema")) {
            rows.next();
            assertEquals(known.size(), rows.getInt(1), "every known version recorded once");
            assertEquals(0, rows.getInt(2), "V1's table is back");
        }
    }

    @Test
    void known_skipsANumberReservedByWorkNotHereYet_andEndsAfterALongerGap() {
        List<Integer> versions = Migrations.known(Dialect.SQLITE).stream().map(Migrations.Migration::version).toList();
        assertEquals(1, versions.get(0));
        assertTrue(versions.contains(3), versions.toString());
        assertEquals(Migrations.latest(Dialect.SQLITE), versions.get(versions.size() - 1));
    }
}
