package rdpcheck.probes.udp;

import java.util.Locale;
import java.util.Optional;

/**
 * What the udp probe learnt: whether the target answered an RDP-UDP SYN on its UDP port and, when
 * it did, what its SYN+ACK set up (MS-RDPEUDP 2.2.2.1, 2.2.2.5, 2.2.2.9).
 *
 * @param address           the address and UDP port the SYNs went to
 * @param state             how the port took them
 * @param answered          {@code state == ANSWERED}
 * @param version           the RDP-UDP version the server chose: 1, 2 or 3 (empty: no answer, or a version
 *                          rdpcheck does not know, see {@code versionCode})
 * @param versionCode       uUdpVer as the server sent it (0x0101 for version 3); empty without RDPUDP_SYNDATAEX_PAYLOAD
 * @param upstreamMtu       the largest datagram the server will send
 * @param downstreamMtu     the largest datagram the server accepts
 * @param receiveWindow     datagrams the server can buffer
 * @param offeredVersion    the highest version the answered SYN offered (the last SYN's when none was answered)
 * @param synsSent          SYNs sent: 1, or 2 when the first met silence
 * @param bytesSent         UDP payload bytes sent
 * @param datagramsReceived datagrams that came back, the SYN+ACK included
 * @param bytesReceived     their bytes, counted up to the probe's per-datagram limit
 * @param roundTripMillis   from the answered SYN to its SYN+ACK
 * @param detail            what came back instead of a SYN+ACK, or the network's error; empty when answered
 * @param internetFacing    the configuration marks this target internet-facing ({@code policy.internet_facing_*})
 */
public record UdpResult(String address, UdpState state, boolean answered, Optional<Integer> version,
                        Optional<Integer> versionCode, Optional<Integer> upstreamMtu, Optional<Integer> downstreamMtu,
                        Optional<Integer> receiveWindow, int offeredVersion, int synsSent, long bytesSent,
                        int datagramsReceived, long bytesReceived, Optional<Double> roundTripMillis, String detail,
                        boolean internetFacing) {

    public UdpResult {
        if (answered != (state == UdpState.ANSWERED)) {
            throw new IllegalArgumentException("answered is " + answered + " but the state is " + state);
        }
        detail = detail == null ? "" : detail;
    }

    /** {@code yes (v2)}, {@code closed}, {@code no answer}, ...: the facts line and the probe table. */
    public String summary() {
        return switch (state) {
            case ANSWERED -> "yes (" + version.map(v -> "v" + v)
                    .orElse(versionCode.map(c -> String.format(Locale.ROOT, "unknown version 0x%04x", c)).orElse("v1")) + ")";
            case CLOSED -> "closed";
            case NO_ANSWER -> "no answer";
            case NOT_RDP_UDP -> "not RDP-UDP";
            case OVERSIZED -> "oversized reply";
        };
    }
}
