package rdpcheck.probes;

import java.util.Objects;

/**
 * A host and port to check, already validated and normalised by {@link TargetParser}.
 *
 * @param host  the host as the user means it: a lower-case ASCII (punycode) name, a dotted
 *              IPv4 literal or an IPv6 literal without brackets
 * @param port  1..65535
 * @param input what the user typed, kept for messages and certificate name matching
 * @param route directly, as an RD Gateway, or through one ({@link Route})
 */
public record Target(String host, int port, String input, Route route) {

    public static final int DEFAULT_PORT = 3389;

    public Target {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(route, "route");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A target checked directly. */
    public Target(String host, int port, String input) {
        this(host, port, input, Route.DIRECT);
    }

    /** The same host and port, reached by {@code value}. */
    public Target withRoute(Route value, String typed) {
        return new Target(host, port, typed, value);
    }

    /** The RD Gateway the check talks to, when the route has one: the target itself, or the one named after "via". */
    public java.util.Optional<Target> gateway() {
        if (route instanceof Route.AsGateway) {
            return java.util.Optional.of(this);
        }
        if (route instanceof Route.Via via) {
            return java.util.Optional.of(new Target(via.host(), via.port(), via.key(), Route.GATEWAY));
        }
        return java.util.Optional.empty();
    }

    public boolean isIpLiteral() {
        return TargetParser.isIpv4Literal(host) || host.indexOf(':') >= 0;
    }

    public boolean isIpv6Literal() {
        return host.indexOf(':') >= 0;
    }

    /**
     * The canonical form, e.g. {@code rdp01.corp:3389}, {@code [::1]:3389}, {@code gw.corp:443 gateway} or
     * {@code rdp01.corp:3389 via gw.corp:443}; also the cache key.
     */
    public String key() {
        String self = (isIpv6Literal() ? "[" + host + "]" : host) + ":" + port;
        if (route instanceof Route.AsGateway) {
            return self + " " + TargetParser.GATEWAY_WORD;
        }
        return route instanceof Route.Via via ? self + " " + TargetParser.VIA_WORD + " " + via.key() : self;
    }

    /**
     * The arguments of {@code rdpcheck check} for this target: {@code rdp01.corp:3389},
     * {@code gw.corp:443 --gateway} or {@code rdp01.corp:3389 --via gw.corp:443}.
     */
    public String commandLine() {
        String self = (isIpv6Literal() ? "[" + host + "]" : host) + ":" + port;
        if (route instanceof Route.AsGateway) {
            return self + " --gateway";
        }
        return route instanceof Route.Via via ? self + " --via " + via.key() : self;
    }

    @Override
    public String toString() {
        return key();
    }
}
