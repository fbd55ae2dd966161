package rdpcheck.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a
 * /32 or /128. IPv4-mapped IPv6 networks ({@code ::ffff:10.0.0.0/104}) are stored as IPv4.
 *
 * @param network      the network address, host bits zero
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final int IPV4_MAPPED_PREFIX = 96;

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not 0.." + bits);
        }
    }

    /**
     * Parses {@code address[/prefix]}; only literals, so it never touches DNS.
     *
     * @throws IllegalArgumentException with a message fit for a configuration error
     */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = literal(addressText);
        boolean mapped = addressText.indexOf(':') >= 0 && address instanceof Inet4Address;
        int bits = address.getAddress().length * 8;
        int prefix;
        if (slash < 0) {
            prefix = bits;
        } else {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("'" + text + "': the prefix length after '/' is not a number");
            }
            prefix = Integer.parseInt(prefixText);
            if (mapped) {
                if (prefix < IPV4_MAPPED_PREFIX || prefix > 128) {
                    throw new IllegalArgumentException("'" + text + "': an IPv4-mapped network needs a prefix of 96 to 128");
                }
                prefix -= IPV4_MAPPED_PREFIX;
            }
            if (prefix > bits) {
                throw new IllegalArgumentException("'" + text + "': the prefix length is at most " + bits);
            }
        }
        byte[] masked = mask(address.getAddress(), prefix);
        if (!Arrays.equals(masked, address.getAddress())) {
            throw new IllegalArgumentException("'" + text + "' has bits set after the prefix; did you mean "
                    + format(masked) + "/" + prefix + "?");
        }
        return new Cidr(address, prefix);
    }

    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    /** Whether {@code address} lies in this network; an address of the other family never does. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] mine = network.getAddress();
        if (candidate.length != mine.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, prefixLength), mine);
    }

    @Override
    public String toString() {
        return format(network.getAddress()) + "/" + prefixLength;
    }

    private static InetAddress literal(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches();
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address (e.g. 10.0.0.0/8, fd00::/8)");
        }
        try {
            return InetAddress.getByName(text); // a literal: no lookup
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address (e.g. 10.0.0.0/8, fd00::/8)");
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff00 >>> keep));
        }
        return out;
    }

    private static String format(byte[] bytes) {
        try {
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            return bytes.length == 4 ? text : compress(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 0:0:0:0:0:0:0:1 as people write it, ::1. */
    private static String compress(String full) {
        String[] groups = full.split(":", -1);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
