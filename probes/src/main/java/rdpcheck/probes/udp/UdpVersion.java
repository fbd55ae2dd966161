package rdpcheck.probes.udp;

import java.util.Optional;

/**
 * The RDP-UDP protocol versions of RDPUDP_SYNDATAEX_PAYLOAD.uUdpVer (MS-RDPEUDP 2.2.2.9). Version
 * 3 carries its data as MS-RDPEUDP2 describes; its SYN needs the hash of the cookie the server
 * handed out over TCP.
 */
public enum UdpVersion {
    /** RDPUDP_PROTOCOL_VERSION_1: retransmit timeout at least 500 ms. */
    V1(0x0001, 1),
    /** RDPUDP_PROTOCOL_VERSION_2: retransmit timeout at least 300 ms. */
    V2(0x0002, 2),
    /** RDPUDP_PROTOCOL_VERSION_3: the data transfer of MS-RDPEUDP2. */
    V3(0x0101, 3);

    private final int code;
    private final int number;

    UdpVersion(int code, int number) {
        this.code = code;
        this.number = number;
    }

    /** The value on the wire. */
    public int code() {
        return code;
    }

    /** 1, 2 or 3, as reports name it. */
    public int number() {
        return number;
    }

    public static Optional<UdpVersion> ofCode(int code) {
        for (UdpVersion version : values()) {
            if (version.code == code) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
