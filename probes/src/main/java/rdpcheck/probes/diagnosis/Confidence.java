package rdpcheck.probes.diagnosis;

/** How sure the diagnosis is from what was seen on the wire. */
public enum Confidence {
    /** Seen directly (a failure code, a date in a certificate). */
    CERTAIN,
    /** The usual explanation of what was seen, with other possible ones. */
    LIKELY,
    /** Consistent with what was seen; confirm before acting. */
    POSSIBLE
}
