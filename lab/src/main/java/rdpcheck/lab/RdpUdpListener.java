package rdpcheck.lab;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.udp.Syn;
import rdpcheck.probes.udp.SynAck;
import rdpcheck.probes.udp.SynData;
import rdpcheck.probes.udp.UdpVersion;

/**
 * A server's RDP-UDP listener as MS-RDPEUDP describes it: a SYN gets a SYN+ACK padded like the
 * SYN, acknowledging the client's sequence number, with the highest version both sides support
 * (2.2.2.9); anything that is not a SYN gets nothing.
 *
 * @param highest        the highest version this server supports; empty: a server older than
 *                       RDPUDP_SYNDATAEX_PAYLOAD, which answers without one (version 1)
 * @param mtu            the MTUs it announces
 * @param receiveWindow  its uReceiveWindowSize
 * @param checksCookies  it drops a version 3 SYN whose cookie hash matches no session it started
 *                       over TCP (rdpcheck's never does)
 */
public record RdpUdpListener(Optional<UdpVersion> highest, int mtu, int receiveWindow, boolean checksCookies)
        implements DatagramHandler {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static RdpUdpListener supporting(UdpVersion highest) {
        return new RdpUdpListener(Optional.of(highest), SynData.MAX_MTU, 64, false);
    }

    @Override
    public List<byte[]> answer(byte[] datagram) {
        Syn syn;
        try {
            syn = Syn.decode(datagram);
        } catch (MalformedPduException e) {
            return List.of();
        }
        UdpVersion offered = syn.offered().orElse(UdpVersion.V1);
        if (checksCookies && offered == UdpVersion.V3) {
            return List.of();
        }
        Optional<UdpVersion> chosen = syn.extended().isEmpty() ? Optional.empty()
                : highest.map(mine -> mine.compareTo(offered) <= 0 ? mine : offered);
        long sequence = Integer.toUnsignedLong(RANDOM.nextInt());
        return List.of(SynAck.answering(syn, sequence, receiveWindow, mtu, chosen).encode());
    }
}
