package rdpcheck.lab;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.udp.SynData;
import rdpcheck.probes.udp.UdpVersion;

/**
 * The RDP-UDP family: {@link LabHosts#healthy()} over TCP, each with its own UDP port behaviour
 * on the same port number. Every other personality has its UDP port closed, which a check sees
 * as ICMP port unreachable.
 */
public final class UdpHosts {

    /** A reflector's answer to one SYN: this many datagrams ... */
    static final int REFLECTED_DATAGRAMS = 4;
    /** ... of the largest UDP payload an Ethernet frame carries. */
    static final int REFLECTED_BYTES = 1472;

    private UdpHosts() {
    }

    /** Windows Server 2012: RDP-UDP before RDPUDP_SYNDATAEX_PAYLOAD, so version 1; the smallest MTUs. */
    public static ConnectionHandler udpVersion1() {
        return healthyWith(new RdpUdpListener(Optional.empty(), SynData.MIN_MTU, 64, false));
    }

    /** Windows Server 2012 R2 to 2016: version 2. */
    public static ConnectionHandler udpVersion2() {
        return healthyWith(RdpUdpListener.supporting(UdpVersion.V2));
    }

    /** Windows Server 2019 and later: version 3 (MS-RDPEUDP2) to a client that offers it. */
    public static ConnectionHandler udpVersion3() {
        return healthyWith(RdpUdpListener.supporting(UdpVersion.V3));
    }

    /**
     * A version 3 server that drops a version 3 SYN whose cookie hash no TCP session handed out
     * (rdpcheck's, always): only a SYN offering version 2 gets a SYN+ACK.
     */
    public static ConnectionHandler udpVersion3CheckingCookies() {
        return healthyWith(new RdpUdpListener(Optional.of(UdpVersion.V3), SynData.MAX_MTU, 64, true));
    }

    /** A firewall that drops UDP to the port: the datagrams arrive and nothing ever comes back. */
    public static ConnectionHandler udpSilent() {
        return healthyWith(datagram -> List.of());
    }

    /** Another service on the UDP port: every datagram gets a short text that is no SYN+ACK. */
    public static ConnectionHandler udpGarbage() {
        byte[] text = "ERROR unknown command\n".getBytes(StandardCharsets.US_ASCII);
        return healthyWith(datagram -> List.of(text));
    }

    /**
     * An amplifier: every datagram gets {@value #REFLECTED_DATAGRAMS} datagrams of
     * {@value #REFLECTED_BYTES} bytes, each larger than any SYN+ACK.
     */
    public static ConnectionHandler udpReflector() {
        byte[] big = new byte[REFLECTED_BYTES];
        Arrays.fill(big, (byte) 0x5a);
        return healthyWith(datagram -> Collections.nCopies(REFLECTED_DATAGRAMS, big));
    }

    static ConnectionHandler healthyWith(DatagramHandler udp) {
        return new UdpListening(LabHosts.healthy(), udp);
    }
}
