package rdpcheck.probes;

/**
 * One probe module: one kind of conversation with the host. Implementations are stateless and
 * thread-safe; everything a run needs comes in the {@link ProbeContext}.
 *
 * @param <R> the record type of what the probe saw
 */
public interface Probe<R> {

    /** The probe's name, result type and the probes it needs: its {@code public static final ID}. */
    ProbeId<R> id();

    /**
     * Where the probe talks to: the target's port over TCP unless it says otherwise (RDP-UDP, an
     * RD Gateway on 443). It reaches it through {@link ProbeContext#address(Endpoint)}, which only
     * hands out addresses the address gate allows.
     */
    default Endpoint endpoint() {
        return Endpoint.target();
    }

    /**
     * Runs the probe. Throwing {@link ProbeException} (or anything else) becomes a
     * {@link ProbeOutcome.Failed}; a probe that finds nothing to do throws {@link ProbeSkipped}.
     * Implementations must honour {@link ProbeContext#deadline()} and close every socket they open.
     */
    R run(ProbeContext context) throws Exception;
}
