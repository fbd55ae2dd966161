package rdpcheck.probes.diagnosis;

import java.util.List;
import java.util.Optional;

import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.udp.Syn;
import rdpcheck.probes.udp.UdpProbe;
import rdpcheck.probes.udp.UdpResult;
import rdpcheck.probes.udp.UdpState;

/** Rules on RDP-UDP, the second transport clients open after the TCP connection. */
final class UdpRules {

    private UdpRules() {
    }

    static List<Rule> all() {
        return List.of(UdpRules::unavailable, UdpRules::notRdpUdp, UdpRules::internetFacing);
    }

    /**
     * RDP answers over TCP and nothing answers over UDP: clients work, over TCP alone. On a host the
     * policy marks internet-facing that is the advice, so it is not reported.
     */
    static Optional<Match> unavailable(Observations seen) {
        return rdpUdp(seen, udp -> (udp.state() == UdpState.CLOSED || udp.state() == UdpState.NO_ANSWER) && !udp.internetFacing())
                .map(udp -> seen.match("udp.unavailable")
                        .fact("how", udp.state() == UdpState.CLOSED
                                ? "is closed (ICMP port unreachable: nothing listens there)"
                                : "does not answer (a firewall drops it, or UDP is off and the host stays silent)")
                        .evidence(evidence(udp))
                        .build());
    }

    /**
     * Datagrams came back, but no SYN+ACK: something else owns the port. A reply larger than any
     * SYN+ACK is a warning wherever the host is: a port that answers one datagram with more bytes
     * than it got is a reflector.
     */
    static Optional<Match> notRdpUdp(Observations seen) {
        return rdpUdp(seen, udp -> udp.state() == UdpState.NOT_RDP_UDP || udp.state() == UdpState.OVERSIZED)
                .map(udp -> {
                    Match.Builder match = seen.match("udp.not-rdp")
                            .fact("what", udp.state() == UdpState.OVERSIZED
                                    ? "a reply larger than any SYN+ACK (" + udp.bytesReceived() + " bytes for one SYN of "
                                            + Syn.PADDED_LENGTH + ")"
                                    : udp.datagramsReceived() + (udp.datagramsReceived() == 1 ? " datagram that is"
                                            : " datagrams that are") + " not RDP-UDP")
                            .evidence(evidence(udp));
                    if (udp.state() == UdpState.OVERSIZED) {
                        match.severity(Severity.WARNING);
                    }
                    return match.build();
                });
    }

    private static Optional<UdpResult> rdpUdp(Observations seen, java.util.function.Predicate<UdpResult> test) {
        if (!seen.negotiation().map(NegotiationResult::spokeRdp).orElse(false)) {
            return Optional.empty();
        }
        return seen.result(UdpProbe.ID).filter(test);
    }

    static Optional<Match> internetFacing(Observations seen) {
        return seen.result(UdpProbe.ID)
                .filter(udp -> udp.answered() && udp.internetFacing())
                .map(udp -> seen.match("udp.internet-facing")
                        .fact("version", "version " + udp.version().map(String::valueOf).orElse("unknown"))
                        .evidence(evidence(udp))
                        .build());
    }

    static String evidence(UdpResult udp) {
        return "udp " + udp.address() + ": " + udp.summary() + " after " + udp.synsSent() + " SYN"
                + (udp.synsSent() > 1 ? "s" : "") + " (highest version offered " + udp.offeredVersion() + ")"
                + (udp.detail().isEmpty() ? "" : ": " + udp.detail());
    }
}
