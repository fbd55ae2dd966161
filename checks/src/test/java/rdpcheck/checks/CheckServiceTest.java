package rdpcheck.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.probes.Findings;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.report.Report;

public class CheckServiceTest {

    private static final Target HOST = new Target("rdp01.corp", 3389, "rdp01.corp");

    @Test
    void submit_twentyConcurrentForOneLabHost_runsProbesOnce() throws Exception {
        try (LabHost shared = LabHost.start("nla", LabHosts.nlaRequired());
             LabHost single = LabHost.start("nla-once", LabHosts.nlaRequired());
             CheckService service = new CheckService(Checker.standard(ProbeOptions.defaults()), CheckSettings.defaults(),
                     new SimpleMeterRegistry())) {
            // What one run costs the host, measured on a twin.
            Report once = Checker.standard(ProbeOptions.defaults()).check(single.target());
            int connectionsPerRun = single.connectionsAccepted();
            assertTrue(connectionsPerRun > 0, "a check connects at least once");

            int requests = 20;
            ExecutorService pool = Executors.newFixedThreadPool(requests);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CheckService.Ticket>> tickets = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                tickets.add(pool.submit(() -> {
                    go.await();
                    return service.submit(shared.target(), false);
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<CheckService.Ticket> ticket : tickets) {
                answers.add(ticket.get(10, TimeUnit.SECONDS).answer().get(15, TimeUnit.SECONDS));
            }
            pool.shutdown();

            assertEquals(1, service.runsStarted());
            // A run's connections vary by one with timing: the negotiation probe opens its own first
            // connection when the tls probe's answer is late (the twin's run is the JVM's cold one). A
            // second run would double them.
            int accepted = shared.connectionsAccepted();
            assertTrue(Math.abs(accepted - connectionsPerRun) <= 1, accepted + " connections, one run makes "
                    + connectionsPerRun);
            Report first = answers.get(0).report();
            answers.forEach(a -> assertSame(first, a.report()));
            assertEquals(once.findings().outcomes().keySet(), first.findings().outcomes().keySet());
        }
    }

    @Test
    void submit_oneUserFillsTheQueue_anotherUsersCheckIsNextInTurn() throws Exception {
        List<String> started = startedAfterAFlood(service -> {
            for (int i = 0; i < 30; i++) {
                service.submit(new Target("flood" + i + ".corp", 3389, "flood" + i + ".corp"), false, "slack:T:UFLOOD");
            }
        }, service -> service.submit(new Target("mine.corp", 3389, "mine.corp"), false, "slack:T:UNORMAL"));
        assertEquals("mine.corp", started.get(1), "the other user's check goes next, not after 29 more: " + started);
    }

    @Test
    void submit_oneChannelsManyUsersFillTheQueue_anotherChannelsCheckIsNextInTurn() throws Exception {
        // thirty users of one busy channel, one check each: fair per user alone, the newcomer waits for all thirty
        List<String> started = startedAfterAFlood(service -> {
            for (int i = 0; i < 30; i++) {
                service.submit(new Target("busy" + i + ".corp", 3389, "busy" + i + ".corp"), false, "slack:T:CBUSY",
                        "slack:T:U" + i);
            }
        }, service -> service.submit(new Target("quiet.corp", 3389, "quiet.corp"), false, "slack:T:CQUIET",
                "slack:T:UQUIET"));
        assertEquals("quiet.corp", started.get(1), "the other channel's check goes next: " + started);
    }

    /** One check slot: {@code flood} fills the queue, then {@code mine} queues; the hosts in the order they started. */
    private static List<String> startedAfterAFlood(java.util.function.Consumer<CheckService> flood,
                                                   java.util.function.Function<CheckService, CheckService.Ticket> mine)
            throws Exception {
        List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.Semaphore finish = new java.util.concurrent.Semaphore(0);
        Checker gated = t -> {
            started.add(t.host());
            finish.acquireUninterruptibly();
            return report(t);
        };
        try (CheckService service = new CheckService(gated, new CheckSettings(Duration.ofMinutes(5), 1, 100,
                Duration.ofSeconds(5)), new SimpleMeterRegistry())) {
            flood.accept(service);
            awaitStarted(started, 1);
            CheckService.Ticket ticket = mine.apply(service);
            assertEquals(CheckService.Admission.QUEUED, ticket.admission());
            finish.release();
            awaitStarted(started, 2);
            finish.release(1000);
            ticket.answer().get(10, TimeUnit.SECONDS);
            return List.copyOf(started);
        }
    }

    private static void awaitStarted(List<String> started, int count) throws InterruptedException {
        for (int i = 0; i < 2000 && started.size() < count; i++) {
            Thread.sleep(10); // a hang guard, not a measurement
        }
        assertEquals(count, started.size(), started.toString());
    }

    @Test
    void submit_afterRunFinished_isCachedWithAge_andFreshRunsAgain() throws Exception {
        MutableClock clock = new MutableClock();
        AtomicLong nanos = new AtomicLong();
        AtomicInteger checks = new AtomicInteger();
        try (CheckService service = new CheckService(t -> { checks.incrementAndGet(); return report(t); },
                CheckSettings.defaults(), new SimpleMeterRegistry(), clock, nanos::get)) {
            Answer first = service.submit(HOST, false).answer().get(5, TimeUnit.SECONDS);
            assertEquals(Answer.Freshness.NEW, first.freshness());

            clock.advance(Duration.ofSeconds(42));
            nanos.addAndGet(Duration.ofSeconds(42).toNanos());
            CheckService.Ticket cached = service.submit(HOST, false);
            assertEquals(CheckService.Admission.CACHED, cached.admission());
            Answer again = cached.answer().get(1, TimeUnit.SECONDS);
            assertSame(first.report(), again.report());
            assertEquals(Duration.ofSeconds(42), again.age());
            assertTrue(again.ageNote().contains("42 s ago"), again.ageNote());
            assertEquals(1, checks.get());

            Answer fresh = service.submit(HOST, true).answer().get(5, TimeUnit.SECONDS);
            assertEquals(Answer.Freshness.NEW, fresh.freshness());
            assertNotSame(first.report(), fresh.report());
            assertEquals(2, checks.get());
        }
    }

    @Test
    void submit_afterTtl_runsAgain() throws Exception {
        AtomicLong nanos = new AtomicLong();
        AtomicInteger checks = new AtomicInteger();
        try (CheckService service = new CheckService(t -> { checks.incrementAndGet(); return report(t); },
                CheckSettings.defaults().withCacheTtl(Duration.ofMinutes(5)), new SimpleMeterRegistry(),
                Clock.systemUTC(), nanos::get)) {
            service.submit(HOST, false).answer().get(5, TimeUnit.SECONDS);
            nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
            CheckService.Ticket later = service.submit(HOST, false);
            assertEquals(CheckService.Admission.STARTED, later.admission());
            later.answer().get(5, TimeUnit.SECONDS);
            assertEquals(2, checks.get());
        }
    }

    @Test
    void submit_freshWhileRunInProgress_joinsIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        try (CheckService service = new CheckService(t -> { checks.incrementAndGet(); await(release); return report(t); },
                CheckSettings.defaults(), new SimpleMeterRegistry())) {
            CheckService.Ticket first = service.submit(HOST, false);
            CheckService.Ticket fresh = service.submit(HOST, true);
            assertEquals(CheckService.Admission.JOINED, fresh.admission());
            release.countDown();
            assertEquals(Answer.Freshness.SHARED, fresh.answer().get(5, TimeUnit.SECONDS).freshness());
            first.answer().get(5, TimeUnit.SECONDS);
            assertEquals(1, checks.get());
        }
    }

    @Test
    void submit_beyondConcurrencyLimit_isQueuedWithPosition_thenRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        try (CheckService service = new CheckService(t -> {
            peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            await(release);
            concurrent.decrementAndGet();
            return report(t);
        }, CheckSettings.defaults().withMaxConcurrent(2), new SimpleMeterRegistry())) {
            List<CheckService.Ticket> tickets = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                tickets.add(service.submit(new Target("host" + i + ".corp", 3389, "host" + i), false));
            }
            assertEquals(CheckService.Admission.STARTED, tickets.get(0).admission());
            assertEquals(CheckService.Admission.STARTED, tickets.get(1).admission());
            assertEquals(CheckService.Admission.QUEUED, tickets.get(2).admission());
            assertEquals(0, tickets.get(2).ahead());
            assertEquals(CheckService.Admission.QUEUED, tickets.get(3).admission());
            assertEquals(1, tickets.get(3).ahead());
            waitUntil(() -> service.running() == 2);
            assertEquals(2, service.queued());
            release.countDown();
            for (CheckService.Ticket ticket : tickets) {
                ticket.answer().get(5, TimeUnit.SECONDS);
            }
            assertEquals(2, peak.get());
        }
    }

    @Test
    void submit_queueFull_isRejectedWithReason() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (CheckService service = new CheckService(t -> { await(release); return report(t); },
                CheckSettings.defaults().withMaxConcurrent(1).withMaxQueued(1), new SimpleMeterRegistry())) {
            service.submit(new Target("a.corp", 3389, "a"), false);
            waitUntil(() -> service.running() == 1);
            service.submit(new Target("b.corp", 3389, "b"), false);
            CheckService.Ticket third = service.submit(new Target("c.corp", 3389, "c"), false);
            assertEquals(CheckService.Admission.REJECTED, third.admission());
            assertTrue(third.answer().isCompletedExceptionally());
            release.countDown();
        }
    }

    @Test
    void close_withCheckStillQueued_failsItWithShutdownMessage() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CheckService service = new CheckService(t -> { await(release); return report(t); },
                new CheckSettings(Duration.ofMinutes(5), 1, 10, Duration.ofMillis(100)), new SimpleMeterRegistry());
        CheckService.Ticket running = service.submit(new Target("a.corp", 3389, "a"), false);
        CheckService.Ticket waiting = service.submit(new Target("b.corp", 3389, "b"), false);
        service.close();
        release.countDown();
        Throwable error = waiting.answer().handle((a, e) -> e).get(5, TimeUnit.SECONDS);
        assertTrue(error != null && error.getMessage().contains("shut down"), String.valueOf(error));
        assertTrue(running.answer().isDone());
        assertEquals(CheckService.Admission.REJECTED, service.submit(HOST, false).admission());
    }

    public static Report report(Target target) {
        return new Report(target, Instant.now(), 1.0, target.key() + ": fine", List.of(), Findings.empty());
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), "condition not met in 5 s");
    }

    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-24T03:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
