package rdpcheck.probes.udp;

import java.nio.ByteBuffer;
import java.util.Optional;

import rdpcheck.probes.rdp.MalformedPduException;

/**
 * RDPUDP_SYNDATAEX_PAYLOAD (MS-RDPEUDP 2.2.2.9): the version an endpoint offers (in a SYN) or
 * chose (in a SYN+ACK).
 *
 * @param flags       uSynExFlags
 * @param versionCode uUdpVer as sent, meaningful when {@link #FLAG_VERSION_INFO_VALID} is set
 */
public record SynDataEx(int flags, int versionCode) {

    /** uSynExFlags: 2 bytes at offset 0. */
    static final int FLAGS_OFFSET = 0;
    /** uUdpVer: 2 bytes at offset 2. */
    static final int VERSION_OFFSET = 2;
    public static final int LENGTH = 4;
    /** cookieHash: SHA-256 of the server's securityCookie, after uUdpVer in a client's version 3 SYN only. */
    public static final int COOKIE_HASH_LENGTH = 32;

    /** RDPUDP_VERSION_INFO_VALID: uUdpVer holds a version. */
    public static final int FLAG_VERSION_INFO_VALID = 0x0001;

    public SynDataEx {
        if (flags < 0 || flags > 0xFFFF || versionCode < 0 || versionCode > 0xFFFF) {
            throw new IllegalArgumentException("uSynExFlags and uUdpVer are unsigned 16-bit numbers");
        }
    }

    public static SynDataEx offering(UdpVersion version) {
        return new SynDataEx(FLAG_VERSION_INFO_VALID, version.code());
    }

    /** The version named, when the flags say uUdpVer holds one and it is one this rdpcheck knows. */
    public Optional<UdpVersion> version() {
        return (flags & FLAG_VERSION_INFO_VALID) != 0 ? UdpVersion.ofCode(versionCode) : Optional.empty();
    }

    static SynDataEx read(ByteBuffer in) throws MalformedPduException {
        Bounds.need(in, LENGTH, "RDPUDP_SYNDATAEX_PAYLOAD");
        int start = in.position();
        SynDataEx ex = new SynDataEx(Short.toUnsignedInt(in.getShort(start + FLAGS_OFFSET)),
                Short.toUnsignedInt(in.getShort(start + VERSION_OFFSET)));
        in.position(start + LENGTH);
        return ex;
    }

    void write(ByteBuffer out) {
        out.putShort((short) flags).putShort((short) versionCode);
    }
}
