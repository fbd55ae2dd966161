package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import rdpcheck.checks.watch.AlertEvent;
import rdpcheck.checks.watch.Watch;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.checks.watch.WatchState;
import rdpcheck.checks.watch.Watches;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;

/** Watches and alerts in the real engines: SQLite, and a throwaway PostgreSQL. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreWatchesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private static final WatchChannel OPS = new WatchChannel("slack", "C0OPS");
    private static final WatchChannel OTHER = new WatchChannel("discord", "1234567890");

    @TempDir
    Path dir;

    private String url(String engine) {
        return engine.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("history.db") : ThrowawayPostgres.get().newDatabase();
    }

    private static HistoryStore open(String url) throws StoreException {
        return HistoryStore.open(url, SqliteStoreTest.settings(url), Clock.fixed(T0, ZoneOffset.UTC));
    }

    private static Target target(String text) throws Exception {
        return TargetParser.parse(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void addListRemove_survivesReopening_andAddingAgainChangesTheInterval(String engine) throws Exception {
        String url = url(engine);
        try (HistoryStore store = open(url)) {
            Watches watches = new StoreWatches(store.database());
            Watch added = assertInstanceOf(Watches.Added.New.class, watches.add(target("rdp01.corp"), OPS, Duration.ofHours(1),
                    "U1", T0, T0, 20, 500)).watch();
            assertEquals("rdp01.corp:3389", added.target().key());
            assertEquals(WatchState.NEVER, added.state());
            watches.add(target("gw.corp:443"), OPS, Duration.ofMinutes(30), "U1", T0, T0, 20, 500);
            watches.add(target("rdp01.corp"), OTHER, Duration.ofDays(1), "42", T0, T0, 20, 500);
            Watches.Added again = watches.add(target("RDP01.corp:3389"), OPS, Duration.ofHours(6), "U2", T0, T0, 20, 500);
            assertEquals(Duration.ofHours(6), assertInstanceOf(Watches.Added.Updated.class, again).watch().every());
            watches.ran(added.id(), new WatchState(Optional.of(T0), true, Map.of("tcp.refused", "Refused"),
                    Map.of("tls.versions", "TLS 1.2")));
        }
        try (HistoryStore store = open(url)) {
            Watches watches = new StoreWatches(store.database());
            List<Watch> ops = watches.list(OPS);
            assertEquals(List.of("gw.corp:443", "rdp01.corp:3389"), ops.stream().map(w -> w.target().key()).toList(),
                    "kept across a restart, by target");
            Watch rdp01 = ops.get(1);
            assertEquals(Duration.ofHours(6), rdp01.every());
            assertEquals("U1", rdp01.addedBy());
            assertEquals(Optional.of(T0), rdp01.state().at());
            assertEquals(Map.of("tcp.refused", "Refused"), rdp01.state().critical());
            assertEquals(3, watches.all().size());
            assertTrue(watches.remove(OPS, target("rdp01.corp")));
            assertFalse(watches.remove(OPS, target("rdp01.corp")), "removed once");
            assertEquals(1, watches.list(OPS).size());
            assertEquals(1, watches.list(OTHER).size(), "the other channel's watch of the same host stays");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void add_pastTheBounds_isRefusedNamingTheSetting(String engine) throws Exception {
        try (HistoryStore store = open(url(engine))) {
            Watches watches = new StoreWatches(store.database());
            watches.add(target("a.corp"), OPS, Duration.ofHours(1), "U1", T0, T0, 2, 3);
            watches.add(target("b.corp"), OPS, Duration.ofHours(1), "U1", T0, T0, 2, 3);
            Watches.Added full = watches.add(target("c.corp"), OPS, Duration.ofHours(1), "U1", T0, T0, 2, 3);
            assertTrue(assertInstanceOf(Watches.Added.Full.class, full).reason().contains("watch.max_per_channel"));
            watches.add(target("c.corp"), OTHER, Duration.ofHours(1), "U1", T0, T0, 2, 3);
            Watches.Added total = watches.add(target("d.corp"), OTHER, Duration.ofHours(1), "U1", T0, T0, 2, 3);
            assertTrue(assertInstanceOf(Watches.Added.Full.class, total).reason().contains("watch.max_total"));
            assertInstanceOf(Watches.Added.Updated.class, watches.add(target("a.corp"), OPS, Duration.ofDays(1), "U1", T0, T0, 2, 3),
                    "changing an existing watch is not a new one");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void dueRescheduleAndPause_pauseAndResumeAreTrueOnce(String engine) throws Exception {
        try (HistoryStore store = open(url(engine))) {
            Watches watches = new StoreWatches(store.database());
            Watch a = ((Watches.Added.New) watches.add(target("a.corp"), OPS, Duration.ofHours(1), "U1", T0, T0, 20, 500)).watch();
            Watch b = ((Watches.Added.New) watches.add(target("b.corp"), OPS, Duration.ofHours(1), "U1", T0,
                    T0.plusSeconds(60), 20, 500)).watch();
            assertEquals(List.of(a.id()), watches.due(T0, 10).stream().map(Watch::id).toList());
            assertTrue(watches.reschedule(a.id(), T0.plus(Duration.ofHours(1))));
            assertEquals(List.of(b.id()), watches.due(T0.plusSeconds(60), 10).stream().map(Watch::id).toList());
            assertTrue(watches.pause(b.id(), "rdp01 is not on the list of hosts you may check"));
            assertFalse(watches.pause(b.id(), "again"), "said once");
            assertEquals(Optional.of("rdp01 is not on the list of hosts you may check"),
                    watches.list(OPS).get(1).paused());
            assertTrue(watches.resume(b.id()));
            assertFalse(watches.resume(b.id()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void claim_fourReplicasRacingForTheSameEvent_exactlyOneWins(String engine) throws Exception {
        String url = url(engine);
        long id;
        try (HistoryStore store = open(url)) {
            id = ((Watches.Added.New) new StoreWatches(store.database()).add(target("rdp01.corp"), OPS, Duration.ofHours(1),
                    "U1", T0, T0, 20, 500)).watch().id();
        }
        AlertEvent event = new AlertEvent(AlertEvent.Kind.CHANGED, "change:cert.thumbprint@" + T0.toEpochMilli(),
                "Changed: the certificate was replaced");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<HistoryStore> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                replicas.add(open(url));
            }
            List<Future<Boolean>> claims = new ArrayList<>();
            for (HistoryStore replica : replicas) {
                claims.add(pool.submit((Callable<Boolean>) () -> new StoreWatches(replica.database()).claim(id, event, T0)));
            }
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, won, "one replica posts");
            StoreWatches watches = new StoreWatches(replicas.get(0).database());
            assertEquals(List.of(event.key()), watches.alertKeys(id));
            assertTrue(watches.claim(id, new AlertEvent(AlertEvent.Kind.EXPIRING, "expiry:ABCD:7", "7 days"), T0),
                    "another event of the same watch is its own");
            assertTrue(watches.remove(OPS, target("rdp01.corp")));
            assertEquals(List.of(), watches.alertKeys(id), "a removed watch's alerts go with it");
        } finally {
            replicas.forEach(HistoryStore::close);
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void target_gatewayAndViaKeys_readBackAsTheSameTargets(String engine) throws Exception {
        try (HistoryStore store = open(url(engine))) {
            Watches watches = new StoreWatches(store.database());
            watches.add(TargetParser.gateway("gw.corp"), OPS, Duration.ofHours(1), "U1", T0, T0, 20, 500);
            watches.add(TargetParser.via("rdp01.corp", "gw.corp"), OPS, Duration.ofHours(1), "U1", T0, T0, 20, 500);
            watches.add(TargetParser.parse("[2001:db8::5]:3390"), OPS, Duration.ofHours(1), "U1", T0, T0, 20, 500);
            assertEquals(List.of("[2001:db8::5]:3390", "gw.corp:443 gateway", "rdp01.corp:3389 via gw.corp:443"),
                    watches.list(OPS).stream().map(w -> w.target().key()).toList());
        }
    }
}
