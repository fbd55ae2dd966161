package rdpcheck.probes.cert;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;


/**
 * RFC 6125 (as tightened by RFC 9525) name matching: DNS targets against SAN dNSNames, the subject
 * CN only when there is no dNSName; a wildcard only as the whole left-most label, standing for
 * exactly one label, never in a public-suffix-like two-label pattern ({@code *.com}); IP targets
 * against iPAddress SANs only.
 */
final class HostnameMatcher {

    private HostnameMatcher() {
    }

    static NameMatch match(String target, CertificateFacts leaf) {
        String host = normalise(target);
        boolean ip = isIpv4(host) || host.indexOf(':') >= 0;
        if (ip) {
            Optional<InetAddress> wanted = address(host);
            for (String literal : leaf.sanIpAddresses()) {
                if (wanted.isPresent() && wanted.equals(address(literal))) {
                    return new NameMatch(host, true, true, Optional.of("SAN IP " + literal), leaf.sanIpAddresses(), false);
                }
            }
            return new NameMatch(host, true, false, Optional.empty(), leaf.sanIpAddresses(), false);
        }
        List<String> presented = new ArrayList<>(leaf.sanDnsNames());
        boolean useCn = presented.isEmpty();
        if (useCn) {
            leaf.commonName().ifPresent(presented::add);
        }
        for (String name : presented) {
            if (matches(host, name)) {
                return new NameMatch(host, false, true, Optional.of((useCn ? "CN " : "SAN DNS ") + name), presented, useCn);
            }
        }
        return new NameMatch(host, false, false, Optional.empty(), presented, useCn);
    }

    /** One DNS host against one presented identifier. */
    static boolean matches(String host, String pattern) {
        String h = normalise(host);
        String p = normalise(pattern);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (!p.contains("*")) {
            return h.equals(p);
        }
        // Only "*.rest": a partial label (w*.example) or a wildcard elsewhere is not honoured.
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            return false;
        }
        String rest = p.substring(2);
        if (rest.indexOf('.') < 0) {
            return false; // "*.com", "*.local": too broad to honour
        }
        int dot = h.indexOf('.');
        if (dot <= 0) {
            return false; // a single-label host has no label for the wildcard
        }
        return h.substring(dot + 1).equals(rest);
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static boolean isIpv4(String text) {
        return IPV4.matcher(text).matches();
    }

    private static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** Parses an IP literal without any name lookup (a literal is never resolved). */
    private static Optional<InetAddress> address(String literal) {
        boolean v4 = isIpv4(literal);
        if (!v4 && literal.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            return Optional.of(InetAddress.getByAddress(parsed.getAddress()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
