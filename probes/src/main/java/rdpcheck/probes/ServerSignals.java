package rdpcheck.probes;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import rdpcheck.probes.net.HostSchedule;

/**
 * What the probes of one check learn about the server as they go, for each other: whether it has
 * answered any RDP request yet, and the schedule every connection to one address goes through. A
 * probe whose connections all went unanswered retries them alone when another probe's were
 * answered: the server is there, it was only crowded.
 */
public final class ServerSignals {

    private final int maxConnectionsPerHost;
    private final Map<InetAddress, HostSchedule> schedules = new ConcurrentHashMap<>();
    private volatile boolean answered;
    private final java.util.concurrent.CountDownLatch firstConversation = new java.util.concurrent.CountDownLatch(1);

    public ServerSignals() {
        this(HostSchedule.DEFAULT_MAX);
    }

    public ServerSignals(int maxConnectionsPerHost) {
        this.maxConnectionsPerHost = maxConnectionsPerHost;
    }

    /** Some connection of this check got an RDP-level answer (a confirm, a refusal, even garbage). */
    public void serverAnswered() {
        answered = true;
    }

    public boolean hasServerAnswered() {
        return answered;
    }

    /** The conversation mstsc holds (the tls probe's first connection) got its X.224 answer, or will not. */
    public void firstConversationOver() {
        firstConversation.countDown();
    }

    /**
     * Lets the conversation mstsc holds meet the server first: waits until it has its X.224 answer,
     * for at most {@code atMost} (a silent server must not make the check wait for it twice).
     */
    public void awaitFirstConversation(java.time.Duration atMost) throws InterruptedException {
        firstConversation.await(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The one schedule of this check's connections to {@code address}. */
    public HostSchedule schedule(InetAddress address) {
        return schedules.computeIfAbsent(address, a -> new HostSchedule(maxConnectionsPerHost));
    }
}
