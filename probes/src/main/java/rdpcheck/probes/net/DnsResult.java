package rdpcheck.probes.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the name resolved to.
 *
 * @param status    how the lookup ended
 * @param addresses every A and AAAA address, as literals, in the resolver's order
 * @param millis    lookup time
 * @param detail    the resolver's words when it failed
 */
public record DnsResult(DnsStatus status, List<String> addresses, double millis, String detail) {

    public DnsResult {
        addresses = List.copyOf(addresses);
        detail = detail == null ? "" : detail;
    }

    public boolean resolved() {
        return !addresses.isEmpty();
    }

    /** The addresses as objects; literals only, so this never touches DNS. */
    public List<InetAddress> inetAddresses() {
        List<InetAddress> result = new ArrayList<>(addresses.size());
        for (String literal : addresses) {
            try {
                result.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("stored address is not a literal: " + literal, e);
            }
        }
        return result;
    }

    public enum DnsStatus {
        /** The target was an address literal: no lookup. */
        LITERAL,
        RESOLVED,
        /** The resolver said the name does not exist (NXDOMAIN) or has no A/AAAA record. */
        NO_SUCH_NAME,
        /** The resolver could not get an answer in time or the DNS server failed (SERVFAIL). */
        TEMPORARY_FAILURE,
        TIMED_OUT
    }
}
