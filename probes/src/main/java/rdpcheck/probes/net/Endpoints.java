package rdpcheck.probes.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Address formatting shared by probes and reports. */
public final class Endpoints {

    private Endpoints() {
    }

    /** {@code 10.0.0.5} or {@code 2001:db8::1}, never a host name, never a reverse lookup. */
    public static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return address instanceof Inet6Address ? rdpcheck.probes.TargetParser.compressIpv6(text) : text;
    }

    public static String format(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : literal(address.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
