package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rdpcheck.chat.slack.FakeSlack;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.store.ThrowawayPostgres;

/**
 * Two real {@code serve} processes sharing one real PostgreSQL ({@link ThrowawayPostgres}) and one
 * {@link FakeSlack}, checking lab hosts on loopback: what a host sees when both replicas are asked
 * the same thing together, how soon the survivor leads after the leader is killed with -9, and that
 * the history keeps every answered check.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReplicasTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Duration FAILOVER = Duration.ofSeconds(6);
    private static final String LEADS = "now runs the watches";

    @TempDir
    Path dir;

    private Served replica(String name, FakeSlack slack, String storeUrl, String ports, int metricsPort) throws Exception {
        return Served.start(dir, name, Map.of(
                "RDPCHECK_METRICS_PORT", Integer.toString(metricsPort),
                "RDPCHECK_METRICS_BIND", "127.0.0.1",
                "RDPCHECK_SLACK_BOT_TOKEN", "xoxb-0000000000-0000000000000-testtesttesttest",
                "RDPCHECK_SLACK_APP_TOKEN", "xapp-1-A0RDPCHECK-0000000000000-testtesttest",
                "RDPCHECK_SLACK_API_URL", slack.apiUrl(),
                "RDPCHECK_STORE_URL", storeUrl,
                "RDPCHECK_WATCH_FAILOVER", FAILOVER.toSeconds() + "s",
                "RDPCHECK_POLICY_ALLOW_CIDRS", "127.0.0.0/8",
                "RDPCHECK_POLICY_ALLOWED_PORTS", ports,
                "RDPCHECK_PROBE_DEADLINE", "8s"));
    }

    private static void await(Served served, Predicate<String> stderr, Duration within, String what) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (!stderr.test(served.stderr())) {
            assertTrue(served.process().isAlive(), "serve exited: " + served.stdout() + served.stderr());
            assertTrue(System.nanoTime() < end, what + " within " + within + ": " + served.stderr());
            Thread.sleep(20);
        }
    }

    private static void awaitServing(Served served, FakeSlack slack, int connections) throws Exception {
        long end = System.nanoTime() + START.toNanos();
        while (!served.stdout().contains("rdpcheck: serving slack")) {
            assertTrue(served.process().isAlive(), "serve exited early: " + served.stdout() + served.stderr());
            assertTrue(System.nanoTime() < end, "serve did not start: " + served.stdout() + served.stderr());
            Thread.sleep(50);
        }
        slack.awaitSocketConnections(connections, WAIT);
    }

    /** The parent message of the answer in {@code channel}: the verdict. */
    private static FakeSlack.Posted answer(FakeSlack slack, String channel) throws Exception {
        return slack.awaitPosted(p -> p.channel().equals(channel) && p.method().equals("chat.postMessage")
                && p.threadTs() == null, 1, WAIT).get(0);
    }

    private static long checksOf(String storeUrl, LabHost host) throws Exception {
        return checksOf(storeUrl, host, "%");
    }

    /** History rows of {@code host} asked via {@code via} (a LIKE pattern: "watch", or "%" for any). */
    private static long checksOf(String storeUrl, LabHost host, String via) throws Exception {
        try (Connection c = DriverManager.getConnection(storeUrl);
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM checks WHERE target = ? AND asked_via LIKE ?")) {
            s.setString(1, host.target().key());
            s.setString(2, via);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void sql(String storeUrl, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(storeUrl); var s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void awaitCount(java.util.concurrent.Callable<Long> count, long expected, Duration within, String what)
            throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (count.call() < expected) {
            assertTrue(System.nanoTime() < end, what + ": " + count.call() + " of " + expected + " within " + within);
            Thread.sleep(50);
        }
        assertEquals(expected, count.call(), what);
    }

    /** The watch alerts posted in {@code channel}: parent messages saying "Watch alert". */
    private static long alertsIn(FakeSlack slack, String channel) {
        return slack.posted().stream().filter(p -> p.channel().equals(channel) && p.method().equals("chat.postMessage")
                && p.threadTs() == null && p.blockText().contains("Watch alert")).count();
    }

    /** A meter of the replica's /metrics, all its series summed. */
    private static double metric(int port, String name) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void twoReplicasOneStore_checkTogetherOneProbe_watchRunOnceAlertedOnce_kill9SurvivorLeadsAndRunsIt_historyKept()
            throws Exception {
        String storeUrl = ThrowawayPostgres.get().newDatabase();
        List<Served> running = new ArrayList<>();
        try (FakeSlack slack = new FakeSlack();
             LabHost alone = LabHost.start("alone", LabHosts.windowsServer2019Nla());
             LabHost shared = LabHost.start("shared", LabHosts.windowsServer2019Nla());
             LabHost later = LabHost.start("later", LabHosts.windowsServer2019Nla());
             LabHost watched = LabHost.start("watched", LabHosts.expiredSelfSigned())) {
            String ports = alone.port() + "," + shared.port() + "," + later.port() + "," + watched.port();
            int metricsA = freePort();
            int metricsB = freePort();
            Served a = replica("a", slack, storeUrl, ports, metricsA);
            running.add(a);
            awaitServing(a, slack, 1);
            await(a, err -> err.contains(LEADS), WAIT, "the first replica leads");
            Served b = replica("b", slack, storeUrl, ports, metricsB);
            running.add(b);
            awaitServing(b, slack, 2);

            // One probe run's connections, from one replica alone: the unit the shared request is counted in.
            slack.slashCommand(alone.target().key(), "C-ALONE", "U0", slack.newResponseUrl(), 0).get(20, TimeUnit.SECONDS);
            answer(slack, "C-ALONE");
            int one = alone.connectionsAccepted();

            // The same request on both replicas together.
            CompletableFuture<FakeSlack.Ack> onA = slack.slashCommand(shared.target().key(), "C-A", "U1", slack.newResponseUrl(), 0);
            CompletableFuture<FakeSlack.Ack> onB = slack.slashCommand(shared.target().key(), "C-B", "U2", slack.newResponseUrl(), 1);
            onA.get(20, TimeUnit.SECONDS);
            onB.get(20, TimeUnit.SECONDS);
            String verdictA = answer(slack, "C-A").blockText();
            String verdictB = answer(slack, "C-B").blockText();
            assertTrue(verdictA.contains(shared.target().key()) && verdictB.contains(shared.target().key()), verdictA + verdictB);
            System.out.printf(Locale.ROOT, "replicas: the same /rdpcheck on two replicas together: the host saw %d connections"
                    + " (one probe run is %d); history rows: %d%n", shared.connectionsAccepted(), one, checksOf(storeUrl, shared));
            assertEquals(one, shared.connectionsAccepted(), "one probe run for both replicas");
            assertEquals(1, checksOf(storeUrl, shared), "one check recorded");
            assertFalse(b.stderr().contains(LEADS), "the second replica follows while the first leads");

            // A watch added through the follower runs on the leader, once; its alert (an expired certificate) is posted once.
            double bRequests = metric(metricsB, "rdpcheck_cache_requests_total");
            slack.slashCommand("watch " + watched.target().key(), "C-WATCH", "U4", slack.newResponseUrl(), 1)
                    .get(20, TimeUnit.SECONDS);
            awaitCount(() -> checksOf(storeUrl, watched, "watch"), 1, WAIT, "the watch ran");
            awaitCount(() -> alertsIn(slack, "C-WATCH"), 1, WAIT, "its alert posted");
            Thread.sleep(rdpcheck.checks.watch.WatchRunner.TICK.multipliedBy(3).toMillis()); // both runners ticked meanwhile
            assertEquals(1, checksOf(storeUrl, watched, "watch"), "run once");
            assertEquals(1, alertsIn(slack, "C-WATCH"), "alerted once");
            assertEquals(bRequests, metric(metricsB, "rdpcheck_cache_requests_total"), "the follower ran no watch");
            assertEquals(1.0, metric(metricsA, "rdpcheck_leader"));
            assertEquals(0.0, metric(metricsB, "rdpcheck_leader"));

            // kill -9 the leader: the survivor leads within watch.failover.
            long killed = System.nanoTime();
            a.process().destroyForcibly();
            assertTrue(a.process().waitFor(10, TimeUnit.SECONDS));
            // Meanwhile time passes for the watch (due again, its report past cache.ttl): whoever leads next runs it.
            sql(storeUrl, "UPDATE watches SET next_due = 0");
            sql(storeUrl, "DELETE FROM answers");
            await(b, err -> err.contains(LEADS), FAILOVER.plusSeconds(10), "the survivor leads");
            double seconds = (System.nanoTime() - killed) / 1e9;
            System.out.printf(Locale.ROOT, "replicas: kill -9 of the leader -> the survivor leads after %.2f s (watch.failover %d s)%n",
                    seconds, FAILOVER.toSeconds());
            assertTrue(seconds <= FAILOVER.toSeconds(), "took over after " + seconds + " s");
            assertEquals(1.0, metric(metricsB, "rdpcheck_leader"));

            // The survivor runs the watch; the same problem is not alerted again.
            awaitCount(() -> checksOf(storeUrl, watched, "watch"), 2, WAIT, "the survivor ran the watch");
            System.out.printf(Locale.ROOT, "replicas: kill -9 of the leader -> the survivor's first watch run recorded after %.2f s"
                    + " (runner tick %d s)%n", (System.nanoTime() - killed) / 1e9, rdpcheck.checks.watch.WatchRunner.TICK.toSeconds());
            Thread.sleep(rdpcheck.checks.watch.WatchRunner.TICK.toMillis());
            assertEquals(1, alertsIn(slack, "C-WATCH"), "no alert twice");

            // The survivor answers, and every answered check is in the history.
            slack.slashCommand(later.target().key(), "C-LATER", "U3", slack.newResponseUrl(), 1).get(20, TimeUnit.SECONDS);
            answer(slack, "C-LATER");
            assertEquals(List.of(1L, 1L, 1L), List.of(checksOf(storeUrl, alone), checksOf(storeUrl, shared),
                    checksOf(storeUrl, later)), "no history row lost");
        } finally {
            for (Served served : running) {
                served.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
