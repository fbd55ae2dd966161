package rdpcheck.probes;

/**
 * What the probes of one check learn about the server as they go, for each other: whether it has
 * answered any RDP request yet. A probe whose connections all went unanswered retries them alone
 * when another probe's were answered: the server is there, it was only crowded.
 */
public final class ServerSignals {

    private volatile boolean answered;

    /** Some connection of this check got an RDP-level answer (a confirm, a refusal, even garbage). */
    public void serverAnswered() {
        answered = true;
    }

    public boolean hasServerAnswered() {
        return answered;
    }
}
