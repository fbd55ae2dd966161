package rdpcheck.probes.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.Deadline;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.Misbehaviours;

/** Connection's closed state is shared between the probe's thread, the watchdog and observers. */
class ConnectionTest {

    private static InetSocketAddress address(LabHost host) {
        return new InetSocketAddress(host.address(), host.port());
    }

    /**
     * The JVM-wide open count once it reaches {@code expected}, or after 2 s: a probe a previous test
     * class left running past its answer may still hold a connection for a moment, which a leak or a
     * double release here would not (they never settle on {@code expected}).
     */
    private static int settledOpenCount(int expected) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (Connection.openCount() != expected && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return Connection.openCount();
    }

    @Test
    void isClosed_watchdogClosesAtDeadline_anotherThreadPollingSeesIt() throws Exception {
        int before = Connection.openCount();
        try (LabHost host = LabHost.start("silent", Misbehaviours.hangUp())) {
            Connection connection = Connection.open(address(host), ProbeOptions.defaults(),
                    Deadline.after(Duration.ofMillis(300)));
            // A tight loop the JIT compiles: with a plain field the read may be hoisted and the loop never ends.
            Thread observer = new Thread(() -> {
                long spins = 0;
                while (!connection.isClosed()) {
                    spins++;
                }
            }, "connection-observer");
            observer.setDaemon(true);
            observer.start();
            observer.join(5_000);
            boolean stillSpinning = observer.isAlive();
            connection.close();
            assertFalse(stillSpinning, "the observer never saw the watchdog close the connection");
        }
        assertEquals(before, settledOpenCount(before), "the socket was released once");
    }

    @Test
    void close_racingClosersAndWatchdog_releaseTheSocketExactlyOnce() throws Exception {
        int before = Connection.openCount();
        try (LabHost host = LabHost.start("silent", Misbehaviours.hangUp())) {
            for (int round = 0; round < 20; round++) {
                // the watchdog fires soon after the closers; 5 ms was too short for a loopback connect on a busy machine
                Connection connection = Connection.open(address(host), ProbeOptions.defaults(),
                        Deadline.after(Duration.ofMillis(40)));
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> closers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Thread closer = new Thread(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        connection.close();
                    });
                    closer.start();
                    closers.add(closer);
                }
                go.countDown();
                for (Thread closer : closers) {
                    closer.join(5_000);
                }
                assertTrue(connection.isClosed());
            }
            Thread.sleep(100); // past every watchdog's deadline: a late watchdog must not count again
        }
        assertEquals(before, settledOpenCount(before), "each connection decremented the open count once");
    }
}
