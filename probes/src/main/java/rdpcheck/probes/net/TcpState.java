package rdpcheck.probes.net;

/** How a TCP connect to one address ended. */
public enum TcpState {
    CONNECTED,
    /** RST: nothing listens, or a firewall rejects. */
    REFUSED,
    /** No answer at all: a firewall drops, or the host is down. */
    TIMED_OUT,
    /** ICMP unreachable or no route. */
    UNREACHABLE,
    /** The operator's policy does not allow this address; nothing was sent. */
    DENIED_BY_POLICY,
    ERROR
}
