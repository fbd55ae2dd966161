package rdpcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The accept loop of a lab host when accept() fails: it waits between attempts and stops when it should. */
class LabHostTest {

    /** A listener whose first {@code failures} accepts fail as a process out of descriptors does. */
    private static final class FailingServerSocket extends ServerSocket {
        final AtomicInteger attempts = new AtomicInteger();
        private final int failures;

        FailingServerSocket(int failures) throws IOException {
            this.failures = failures;
        }

        @Override
        public Socket accept() throws IOException {
            if (attempts.incrementAndGet() <= failures) {
                throw new IOException("Too many open files");
            }
            return super.accept();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    @Test
    void acceptLoop_acceptFailsEveryTime_waitsBetweenAttemptsInsteadOfSpinning() throws Exception {
        FailingServerSocket server = new FailingServerSocket(Integer.MAX_VALUE);
        try (LabHost host = LabHost.listen("emfile", server, LabHosts.negotiate())) {
            Thread.sleep(500);
            int attempts = server.attempts.get();
            // Doubling from 5 ms, half a second holds about 7 attempts; a spinning loop makes millions.
            assertTrue(attempts >= 1 && attempts <= 20, "accept attempts in 500 ms: " + attempts);
            assertTrue(host.accepting(), "a failing accept is retried, not given up");
        }
    }

    @Test
    void acceptLoop_closedWhileBackingOff_stopsAtOnce() throws Exception {
        FailingServerSocket server = new FailingServerSocket(Integer.MAX_VALUE);
        LabHost host = LabHost.listen("emfile", server, LabHosts.negotiate());
        waitUntil(() -> server.attempts.get() >= 8, 3_000); // the wait is now several hundred ms
        host.close();
        waitUntil(() -> !host.accepting(), 300);
        assertFalse(host.accepting(), "close() must end the accept loop's wait");
    }

    @Test
    void acceptLoop_listenerClosedFromOutside_endsInsteadOfSpinning() throws Exception {
        FailingServerSocket server = new FailingServerSocket(0);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (LabHost host = LabHost.listen("outside", server, LabHosts.negotiate())) {
            server.close(); // not through the host: accept() now fails with "Socket is closed" forever
            waitUntil(() -> !host.accepting(), 2_000);
            int attempts = server.attempts.get();
            Thread.sleep(100);
            assertFalse(host.accepting(), "the loop ends once its listener is closed");
            assertEquals(attempts, server.attempts.get(), "no accept after the listener closed");
            assertTrue(attempts <= 3, "accept attempts: " + attempts);
        }
    }

    @Test
    void acceptLoop_failuresStop_servesConnectionsAgain() throws Exception {
        FailingServerSocket server = new FailingServerSocket(3);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (LabHost host = LabHost.listen("recovers", server, Misbehaviours.hangUp());
             Socket client = new Socket()) {
            waitUntil(() -> server.attempts.get() > 3, 3_000);
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2_000);
            waitUntil(() -> host.connectionsAccepted() == 1, 3_000);
            assertEquals(1, host.connectionsAccepted());
        }
    }
}
