package rdpcheck.probes;

import java.util.Objects;

/**
 * A host and port to check, already validated and normalised by {@link TargetParser}.
 *
 * @param host  the host as the user means it: a lower-case ASCII (punycode) name, a dotted
 *              IPv4 literal or an IPv6 literal without brackets
 * @param port  1..65535
 * @param input what the user typed, kept for messages and certificate name matching
 */
public record Target(String host, int port, String input) {

    public static final int DEFAULT_PORT = 3389;

    public Target {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(input, "input");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public boolean isIpLiteral() {
        return TargetParser.isIpv4Literal(host) || host.indexOf(':') >= 0;
    }

    public boolean isIpv6Literal() {
        return host.indexOf(':') >= 0;
    }

    /** The canonical form, e.g. {@code rdp01.corp:3389} or {@code [::1]:3389}; also the cache key. */
    public String key() {
        return (isIpv6Literal() ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return key();
    }
}
