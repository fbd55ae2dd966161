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

    private Served replica(String name, FakeSlack slack, String storeUrl, String ports) throws Exception {
        return Served.start(dir, name, Map.of(
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
        try (Connection c = DriverManager.getConnection(storeUrl);
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM checks WHERE target = ?")) {
            s.setString(1, host.target().key());
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void twoReplicasOneStore_sameCheckTogetherCostsOneProbe_killedLeaderReplacedWithinFailover_historyKept() throws Exception {
        String storeUrl = ThrowawayPostgres.get().newDatabase();
        List<Served> running = new ArrayList<>();
        try (FakeSlack slack = new FakeSlack();
             LabHost alone = LabHost.start("alone", LabHosts.windowsServer2019Nla());
             LabHost shared = LabHost.start("shared", LabHosts.windowsServer2019Nla());
             LabHost later = LabHost.start("later", LabHosts.windowsServer2019Nla())) {
            String ports = alone.port() + "," + shared.port() + "," + later.port();
            Served a = replica("a", slack, storeUrl, ports);
            running.add(a);
            awaitServing(a, slack, 1);
            await(a, err -> err.contains(LEADS), WAIT, "the first replica leads");
            Served b = replica("b", slack, storeUrl, ports);
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

            // kill -9 the leader: the survivor leads within watch.failover.
            long killed = System.nanoTime();
            a.process().destroyForcibly();
            assertTrue(a.process().waitFor(10, TimeUnit.SECONDS));
            await(b, err -> err.contains(LEADS), FAILOVER.plusSeconds(10), "the survivor leads");
            double seconds = (System.nanoTime() - killed) / 1e9;
            System.out.printf(Locale.ROOT, "replicas: kill -9 of the leader -> the survivor leads after %.2f s (watch.failover %d s)%n",
                    seconds, FAILOVER.toSeconds());
            assertTrue(seconds <= FAILOVER.toSeconds(), "took over after " + seconds + " s");

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
