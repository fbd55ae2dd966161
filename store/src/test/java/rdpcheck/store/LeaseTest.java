package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The watch leader's lease against the real engines: SQLite (a file) and PostgreSQL ({@link ThrowawayPostgres}). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaseTest {

    private static final Duration FAILOVER = Duration.ofSeconds(3);
    private static final LeaseTiming TIMING = LeaseTiming.of(FAILOVER);

    @TempDir
    Path dir;

    private final List<LeaseLeadership> replicas = new ArrayList<>();

    private LeaseLeadership replica(String url, String name) {
        LeaseLeadership replica = new LeaseLeadership(() -> Engines.open(url), url, name, TIMING).start();
        replicas.add(replica);
        return replica;
    }

    @org.junit.jupiter.api.AfterEach
    void stopReplicas() {
        replicas.forEach(LeaseLeadership::close);
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void lease_heldByOne_othersRefusedUntilItRunsOutOrIsGivenBack(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        try (Database a = Engines.open(url); Database b = Engines.open(url)) {
            Lease first = new Lease(a, "watch", "a");
            Lease second = new Lease(b, "watch", "b");
            Duration length = Duration.ofMillis(400);
            assertEquals(OptionalLong.of(1), first.acquire(length, 2), "a free lease is taken");
            assertEquals(OptionalLong.empty(), second.acquire(length, 2), "a running lease is refused");
            assertEquals(OptionalLong.of(1), first.acquire(length, 2), "its holder renews it, same term");
            assertEquals("a", second.current(2).orElseThrow().holder());
            Thread.sleep(length.toMillis() + 100);
            assertEquals(OptionalLong.of(2), second.acquire(length, 2), "a lease nobody renewed is taken, next term");
            assertEquals(OptionalLong.empty(), first.acquire(length, 2), "the old holder cannot renew what it lost");
            second.release(2);
            assertTrue(first.current(2).isEmpty(), "a lease given back is nobody's");
            assertEquals(OptionalLong.of(3), first.acquire(length, 2), "taken at once after it was given back");
        }
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void leadership_threeReplicas_oneLeads_killedLeaderReplacedWithinFailover(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        List<LeaseLeadership> three = List.of(replica(url, "r1"), replica(url, "r2"), replica(url, "r3"));
        LeaseLeadership leader = awaitLeader(three, Duration.ofSeconds(10));
        watchNeverTwo(three, TIMING.length());
        assertEquals(leader, awaitLeader(three, Duration.ofSeconds(1)), "the leader keeps leading while it renews");

        long killed = System.nanoTime();
        leader.abandon();
        LeaseLeadership next = awaitLeader(three, FAILOVER.plusSeconds(5));
        double seconds = (System.nanoTime() - killed) / 1e9;
        System.out.printf(Locale.ROOT, "lease (%s): a killed leader replaced after %.2f s (watch.failover %d s)%n",
                engine, seconds, FAILOVER.toSeconds());
        assertTrue(next != leader, "another replica leads");
        assertTrue(seconds <= FAILOVER.toMillis() / 1000.0, "took over after " + seconds + " s");
        watchNeverTwo(three, TIMING.length());
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void leadership_leaderThatCannotRenew_stepsDownBeforeItsLeaseEnds(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        List<LeaseLeadership> two = List.of(replica(url, "r1"), replica(url, "r2"));
        LeaseLeadership leader = awaitLeader(two, Duration.ofSeconds(10));
        long blocked;
        try (Connection lock = engine.blockLeases(url)) {
            blocked = System.nanoTime();
            while (true) {
                long asked = System.nanoTime(); // before asking: a descheduled test thread must not look like a late step-down
                if (!leader.leads()) {
                    break;
                }
                assertTrue(asked - blocked < TIMING.length().toNanos(),
                        "still leading a whole lease after its renewals began to fail");
                assertFalse(two.stream().filter(LeaseLeadership::leads).count() > 1, "two leaders");
                Thread.sleep(5);
            }
            System.out.printf(Locale.ROOT, "lease (%s): stepped down %.2f s after the store stopped answering (lease %.1f s)%n",
                    engine, (System.nanoTime() - blocked) / 1e9, TIMING.length().toMillis() / 1000.0);
            Thread.sleep(TIMING.every().toMillis() * 2);
            assertTrue(two.stream().noneMatch(LeaseLeadership::leads), "nobody can take the lease meanwhile");
            lock.rollback();
        }
        awaitLeader(two, FAILOVER.plusSeconds(5));
        watchNeverTwo(two, TIMING.every());
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void leadership_leaderClosed_givesTheLeaseBack_anotherLeadsAtOnce(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        List<LeaseLeadership> two = List.of(replica(url, "r1"), replica(url, "r2"));
        LeaseLeadership leader = awaitLeader(two, Duration.ofSeconds(10));
        long closed = System.nanoTime();
        leader.close();
        assertFalse(leader.leads());
        LeaseLeadership next = awaitLeader(two, FAILOVER);
        assertTrue(next != leader);
        assertTrue(System.nanoTime() - closed < TIMING.length().toNanos(),
                "taken over before the lease could have run out: it was given back");
    }

    @Test
    void leadership_storeNone_alwaysLeads() {
        Leadership alone = Stores.leadership(StoreSettings.none(), LeaderSettings.defaults(), Map.of());
        assertTrue(alone.leads());
        assertTrue(alone.getAsBoolean());
    }

    @Test
    void timing_takeoverBoundIsWithinFailover() {
        for (long seconds : new long[] {2, 3, 30, 3600}) {
            LeaseTiming timing = LeaseTiming.of(Duration.ofSeconds(seconds));
            assertTrue(timing.length().plus(timing.every()).compareTo(Duration.ofSeconds(seconds)) < 0, timing.toString());
            assertTrue(timing.margin().compareTo(timing.length()) < 0, timing.toString());
        }
    }

    /** The one replica leading, once exactly one does. */
    private static LeaseLeadership awaitLeader(List<LeaseLeadership> replicas, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            List<LeaseLeadership> leading = replicas.stream().filter(LeaseLeadership::leads).toList();
            assertTrue(leading.size() <= 1, "two leaders: " + leading.stream().map(LeaseLeadership::replica).toList());
            if (leading.size() == 1) {
                return leading.get(0);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no replica led within " + within);
    }

    private static void watchNeverTwo(List<LeaseLeadership> replicas, Duration during) throws InterruptedException {
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            assertTrue(replicas.stream().filter(LeaseLeadership::leads).count() <= 1, "two leaders at once");
            Thread.sleep(5);
        }
    }
}
