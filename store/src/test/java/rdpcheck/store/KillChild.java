package rdpcheck.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import rdpcheck.checks.Asker;

import rdpcheck.probes.Target;

/**
 * The child JVM {@link CrashTest} kills with {@code kill -9}: records checks of one target as fast as it
 * can into the store its argument names, and prints {@code committed N} after each record returned.
 */
public final class KillChild {

    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Target target = new Target("crash.example", 3389, "crash.example");
        StoreSettings settings = new StoreSettings(url, Duration.ofDays(90), 1024, Optional.empty());
        try (HistoryStore store = HistoryStore.open(url, settings, Clock.systemUTC())) {
            Instant start = Instant.parse("2026-12-01T00:00:00Z");
            for (int i = 1; ; i++) {
                store.record(CheckRecord.of(SqliteStoreTest.report(target, start.plusMillis(i), i % 3 == 0),
                        Duration.ofMillis(i), Asker.cli()));
                System.out.println("committed " + i);
                System.out.flush();
            }
        }
    }
}
