package rdpcheck.probes.udp;

/** How the target's UDP port took rdpcheck's SYN. */
public enum UdpState {
    /** A SYN+ACK acknowledging one of rdpcheck's SYNs: RDP-UDP is on. */
    ANSWERED,
    /** ICMP port unreachable: nothing listens on the UDP port (UDP off, or a host that has none, like xrdp). */
    CLOSED,
    /** Nothing came back: a firewall drops the datagrams, or RDP-UDP is off and the host does not say so. */
    NO_ANSWER,
    /** Datagrams came back that are not a SYN+ACK for rdpcheck's SYN: something else owns the port. */
    NOT_RDP_UDP,
    /**
     * A reply larger than any SYN+ACK (1232 bytes): not RDP-UDP, and a host that answers one small
     * datagram with more bytes than it received can be abused to reflect and amplify traffic.
     */
    OVERSIZED
}
