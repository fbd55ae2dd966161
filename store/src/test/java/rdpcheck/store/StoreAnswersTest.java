package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import rdpcheck.checks.SharedAnswers;
import rdpcheck.checks.SharedAnswers.Alone;
import rdpcheck.checks.SharedAnswers.Claimed;
import rdpcheck.checks.SharedAnswers.Found;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/** Answers shared between replicas (claims, waiting, publication) against the real engines. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreAnswersTest {

    private static final String KEY = SqliteStoreTest.TARGET.key();
    private static final Duration TTL = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<StoreAnswers> opened = new ArrayList<>();

    private StoreAnswers replica(String url, String name, Duration claimFor, Duration wait) {
        Dialect dialect = Dialect.of(url);
        StoreAnswers answers = new StoreAnswers(() -> Engines.open(url), dialect, Database.describe(url, dialect), name,
                claimFor, wait);
        opened.add(answers);
        return answers;
    }

    private StoreAnswers replica(String url, String name) {
        return replica(url, name, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @AfterEach
    void close() {
        opened.forEach(StoreAnswers::close);
    }

    private static Report report() {
        return Reports.synthetic(SqliteStoreTest.TARGET, Instant.parse("2026-12-03T08:00:00Z"), true);
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void claimed_thenPublished_theWaitingReplicaGetsThatReport_laterOnesFindItCached(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        StoreAnswers a = replica(url, "a");
        StoreAnswers b = replica(url, "b");
        Claimed claim = assertInstanceOf(Claimed.class, a.find(KEY, TTL));
        CompletableFuture<SharedAnswers.Outcome> waiting = CompletableFuture.supplyAsync(() -> b.find(KEY, TTL));
        Thread.sleep(300);
        assertTrue(!waiting.isDone(), "b waits while a's run is claimed");
        a.publish(claim, report());
        Found found = assertInstanceOf(Found.class, waiting.get(5, TimeUnit.SECONDS));
        assertTrue(found.waited());
        assertEquals(ReportJson.write(report(), false), ReportJson.write(found.report(), false), "the same report");
        Found later = assertInstanceOf(Found.class, replica(url, "c").find(KEY, TTL));
        assertTrue(!later.waited() && later.age().compareTo(Duration.ofSeconds(5)) < 0, later.toString());
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void reportOlderThanMaxAge_orFreshRequest_claimsANewRun(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        StoreAnswers a = replica(url, "a");
        a.publish(assertInstanceOf(Claimed.class, a.find(KEY, TTL)), report());
        StoreAnswers b = replica(url, "b");
        assertInstanceOf(Claimed.class, b.find(KEY, Duration.ZERO), "fresh: a report finished before asking is not enough");
        b.release(new Claimed(KEY, "b"));
        Thread.sleep(250);
        assertInstanceOf(Claimed.class, b.find(KEY, Duration.ofMillis(100)), "past its time-to-live");
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void claimHolderDied_anotherClaimsOnceTheClaimRunsOut(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        StoreAnswers dead = replica(url, "dead", Duration.ofMillis(600), Duration.ofSeconds(5));
        assertInstanceOf(Claimed.class, dead.find(KEY, TTL));
        long start = System.nanoTime();
        assertInstanceOf(Claimed.class, replica(url, "b").find(KEY, TTL));
        double waited = (System.nanoTime() - start) / 1e9;
        assertTrue(waited >= 0.3 && waited < 3, "claimed after " + waited + " s");
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void claimReleased_anotherClaimsAtOnce(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        StoreAnswers a = replica(url, "a");
        Claimed claim = assertInstanceOf(Claimed.class, a.find(KEY, TTL));
        CompletableFuture<SharedAnswers.Outcome> waiting = CompletableFuture.supplyAsync(() -> replica(url, "b").find(KEY, TTL));
        Thread.sleep(200);
        a.release(claim);
        Claimed next = assertInstanceOf(Claimed.class, waiting.get(3, TimeUnit.SECONDS));
        assertEquals("b", next.holder());
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void claimedRunNeverFinishes_theWaitIsBounded_thenAlone(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        assertInstanceOf(Claimed.class, replica(url, "a").find(KEY, TTL));
        long start = System.nanoTime();
        Alone alone = assertInstanceOf(Alone.class, replica(url, "b", Duration.ofSeconds(30), Duration.ofMillis(500)).find(KEY, TTL));
        double waited = (System.nanoTime() - start) / 1e9;
        assertTrue(waited >= 0.5 && waited < 3, "gave up after " + waited + " s");
        assertTrue(alone.reason().contains("did not finish"), alone.reason());
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void manyIdenticalRequestsOnTwoReplicasTogether_exactlyOneClaims(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        List<StoreAnswers> replicas = List.of(replica(url, "a"), replica(url, "b"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SharedAnswers.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                StoreAnswers replica = replicas.get(i % 2);
                outcomes.add(pool.submit(() -> {
                    go.await();
                    SharedAnswers.Outcome outcome = replica.find(KEY, TTL);
                    if (outcome instanceof Claimed claim) {
                        Thread.sleep(300); // probing
                        replica.publish(claim, report());
                    }
                    return outcome;
                }));
            }
            go.countDown();
            int claimed = 0;
            int found = 0;
            for (Future<SharedAnswers.Outcome> f : outcomes) {
                SharedAnswers.Outcome outcome = f.get(20, TimeUnit.SECONDS);
                claimed += outcome instanceof Claimed ? 1 : 0;
                found += outcome instanceof Found ? 1 : 0;
            }
            assertEquals(1, claimed, "one probe run");
            assertEquals(7, found, "the others get its report");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storeDown_eachReplicaAlone_saidOnceInTheLog_andQuickly() {
        Logger logger = (Logger) LoggerFactory.getLogger(StoreAnswers.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            String url = "jdbc:postgresql://127.0.0.1:1/rdpcheck?user=rdpcheck";
            StoreAnswers answers = replica(url, "a");
            assertInstanceOf(Alone.class, answers.find(KEY, TTL));
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                assertInstanceOf(Alone.class, answers.find(KEY, TTL));
            }
            double each = (System.nanoTime() - start) / 1e6 / 100;
            System.out.printf(Locale.ROOT, "shared answers: store down, each lookup %.3f ms after the first%n", each);
            assertTrue(each < 5, each + " ms");
            List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("shared answers: cannot reach the history store postgresql://127.0.0.1:1/rdpcheck"),
                    lines.get(0));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void stores_sharedAnswersOnlyForPostgres() {
        Duration deadline = Duration.ofSeconds(10);
        assertEquals(SharedAnswers.NONE, Stores.sharedAnswers(StoreSettings.none(), Map.of(), deadline));
        assertEquals(SharedAnswers.NONE, Stores.sharedAnswers(SqliteStoreTest.settings("jdbc:sqlite:" + dir.resolve("h.db")),
                Map.of(), deadline), "one machine's file: one replica");
        SharedAnswers pg = Stores.sharedAnswers(new StoreSettings("jdbc:postgresql://127.0.0.1:1/x?user=y", Duration.ofDays(1),
                10, Optional.empty()), Map.of(), deadline);
        assertTrue(pg instanceof StoreAnswers);
        pg.close();
    }
}
