package rdpcheck.probes;

import java.net.InetAddress;

/**
 * Which targets the configuration marks as reachable from the internet ({@code policy.internet_facing_cidrs}
 * and {@code policy.internet_facing_hosts}). It classifies, it never refuses: a probe records it
 * beside what it saw, and a rule judges what is acceptable there (RDP-UDP answering on an
 * internet-facing host is a reflection risk; on an internal one it is what makes sessions fast).
 */
@FunctionalInterface
public interface Exposure {

    /** Nothing is marked internet-facing: the default. */
    Exposure NONE = (host, address) -> false;

    /** Whether the target the user named {@code host}, reached at {@code address}, is internet-facing. */
    boolean internetFacing(String host, InetAddress address);
}
