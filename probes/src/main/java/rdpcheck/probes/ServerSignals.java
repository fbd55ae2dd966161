package rdpcheck.probes;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import rdpcheck.probes.net.HostSchedule;
import rdpcheck.probes.rdp.NegotiationAttempt;

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

    private volatile NegotiationAttempt firstAttempt;

    public ServerSignals() {
        this(HostSchedule.DEFAULT_MAX, false);
    }

    /**
     * @param firstConversation whether the check holds mstsc's conversation (the tls probe runs):
     *                          only then do the other requests wait for its answer
     */
    public ServerSignals(int maxConnectionsPerHost, boolean firstConversation) {
        this.maxConnectionsPerHost = maxConnectionsPerHost;
        if (!firstConversation) {
            this.firstConversation.countDown();
        }
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

    /** The X.224 answer mstsc's request got on the tls probe's first connection; the negotiation reuses it. */
    public void firstConversationAnswered(NegotiationAttempt attempt) {
        firstAttempt = attempt;
        firstConversation.countDown();
    }

    public java.util.Optional<NegotiationAttempt> firstAttempt() {
        return java.util.Optional.ofNullable(firstAttempt);
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
