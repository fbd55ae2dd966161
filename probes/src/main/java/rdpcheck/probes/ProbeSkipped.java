package rdpcheck.probes;

/** Thrown by a probe that finds it does not apply (e.g. no TLS to look at on an RDP-only host). */
public final class ProbeSkipped extends ProbeException {
    private static final long serialVersionUID = 1L;

    public ProbeSkipped(String reason) {
        super(reason);
    }
}
