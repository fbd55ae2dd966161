package rdpcheck.chat.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every IPv4 address an IPv6 address can carry, so a denied IPv4 network cannot be reached by
 * writing it inside IPv6. A gateway, translator or tunnel on the path may turn any of these into
 * a connection to the IPv4 address, and rdpcheck cannot know which exists, so every form is decoded
 * wherever its marker appears.
 */
final class EmbeddedIpv4 {

    /** RFC 6052 well-known NAT64 prefix {@code 64:ff9b::/96}: IPv4 in the last 32 bits. */
    private static final byte[] NAT64_WELL_KNOWN = {0x00, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    /** RFC 8215 local-use NAT64 prefix {@code 64:ff9b:1::/48}; the operator picks a /48 to /96 inside it. */
    private static final byte[] NAT64_LOCAL_USE = {0x00, 0x64, (byte) 0xff, (byte) 0x9b, 0x00, 0x01};
    /**
     * RFC 6052 2.2: where the IPv4 sits for each prefix length (32, 40, 48, 56, 64, 96). Bits 64-71
     * (byte 8, "u") are always skipped, which splits the address for /40 to /56.
     */
    private static final int[][] RFC6052_POSITIONS = {
            {4, 5, 6, 7}, {5, 6, 7, 9}, {6, 7, 9, 10}, {7, 9, 10, 11}, {9, 10, 11, 12}, {12, 13, 14, 15}};
    /** RFC 3056 6to4 {@code 2002::/16}: IPv4 in bits 16-47. */
    private static final int SIX_TO_FOUR = 0x2002;
    /** RFC 4380 Teredo {@code 2001:0::/32}: server IPv4 in bits 32-63, client IPv4 inverted in the last 32. */
    private static final int TEREDO_HIGH = 0x2001;
    /** RFC 5214 ISATAP interface id {@code 0000:5efe} or {@code 0200:5efe} (universal/local bit) before the IPv4. */
    private static final int ISATAP_MARKER = 0x5efe;

    private EmbeddedIpv4() {
    }

    /** The IPv4 addresses {@code address} carries; empty for IPv4 and for IPv6 that carries none. */
    static List<InetAddress> of(InetAddress address) {
        List<InetAddress> found = new ArrayList<>();
        if (!(address instanceof Inet6Address)) {
            return found;
        }
        byte[] b = address.getAddress();
        if (zero(b, 0, 10) && u16(b, 10) == 0xffff) {
            found.add(v4(b, 12, 13, 14, 15)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (zero(b, 0, 8) && u16(b, 8) == 0xffff && u16(b, 10) == 0) {
            found.add(v4(b, 12, 13, 14, 15)); // SIIT IPv4-translated ::ffff:0:a.b.c.d (RFC 2765)
        }
        if (zero(b, 0, 12) && !(zero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
            found.add(v4(b, 12, 13, 14, 15)); // IPv4-compatible ::a.b.c.d (not :: or ::1)
        }
        if (startsWith(b, NAT64_WELL_KNOWN)) {
            found.add(v4(b, 12, 13, 14, 15));
        }
        if (startsWith(b, NAT64_LOCAL_USE)) {
            found.addAll(localUseNat64(b));
        }
        if (u16(b, 0) == SIX_TO_FOUR) {
            found.add(v4(b, 2, 3, 4, 5));
        }
        if (u16(b, 0) == TEREDO_HIGH && u16(b, 2) == 0) {
            found.add(v4(b, 4, 5, 6, 7));
            byte[] client = {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]};
            found.add(v4(client, 0, 1, 2, 3));
        }
        if ((u16(b, 8) & ~0x0200) == 0 && u16(b, 10) == ISATAP_MARKER) {
            found.add(v4(b, 12, 13, 14, 15));
        }
        return found;
    }

    /**
     * The prefix length inside 64:ff9b:1::/48 is the operator's choice, so every RFC 6052 layout
     * that fits is read where its form holds: "u" (byte 8) zero and the suffix after the IPv4 zero
     * (/96 has neither). A layout that reads an address in 0.0.0.0/8 is the zero padding of another
     * layout, not a destination (no translator sends to "this network").
     */
    private static List<InetAddress> localUseNat64(byte[] b) {
        List<InetAddress> found = new ArrayList<>();
        for (int[] at : RFC6052_POSITIONS) {
            boolean outsidePrefix = at[0] >= NAT64_LOCAL_USE.length;
            boolean slash96 = at[0] == 12;
            int last = at[3];
            if (outsidePrefix && (slash96 || (b[8] == 0 && zero(b, last + 1, 16)))) {
                if (b[at[0]] != 0) {
                    found.add(v4(b, at[0], at[1], at[2], at[3]));
                }
            }
        }
        return found;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static InetAddress v4(byte[] b, int i0, int i1, int i2, int i3) {
        try {
            return Inet4Address.getByAddress(new byte[] {b[i0], b[i1], b[i2], b[i3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
