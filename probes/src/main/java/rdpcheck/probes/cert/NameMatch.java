package rdpcheck.probes.cert;

import java.util.List;
import java.util.Optional;

/**
 * Whether the certificate is for the name the user typed, by RFC 6125 rules.
 *
 * @param target         the host as typed (normalised: lower case, no trailing dot)
 * @param targetIsIp     an IP literal: only iPAddress SANs can match it
 * @param matches        some presented identifier matches
 * @param matchedBy      which one, e.g. {@code SAN DNS *.corp.example} or {@code CN rdp01}
 * @param presentedNames every identifier the certificate presents for this kind of target
 *                       (SAN DNS names, or the CN when there are none; SAN IPs for an IP target)
 * @param usedCommonName the CN was consulted because the certificate has no SAN DNS names
 */
public record NameMatch(String target, boolean targetIsIp, boolean matches, Optional<String> matchedBy,
                        List<String> presentedNames, boolean usedCommonName) {

    public NameMatch {
        presentedNames = List.copyOf(presentedNames);
    }

    public String describe() {
        if (matches) {
            return target + " matches " + matchedBy.orElse("the certificate");
        }
        return target + " is not among the certificate's names " + (presentedNames.isEmpty() ? "(it presents none"
                + (targetIsIp ? " as an IP address SAN" : "") + ")" : presentedNames.toString());
    }
}
