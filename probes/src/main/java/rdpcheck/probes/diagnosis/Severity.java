package rdpcheck.probes.diagnosis;

/** How much a diagnosis matters; the order is the ranking order. */
public enum Severity {
    /** Stops clients from connecting, or will. */
    CRITICAL,
    /** Weakens security or will cause trouble for some clients. */
    WARNING,
    /** Worth knowing; not a cause of failure by itself. */
    INFO,
    /** Nothing wrong found. */
    OK
}
