package rdpcheck.config;

import java.util.List;

/**
 * Which targets chat users may have probed. The built-in denials (link-local, cloud metadata,
 * multicast, unspecified, broadcast, loopback unless allowed) live in the policy itself. Beside
 * the rules that refuse, {@code internetFacingCidrs} and {@code internetFacingHosts} only classify:
 * the targets they match are reachable from the internet, where some findings (RDP-UDP answering)
 * are a risk rather than a feature.
 */
public record PolicySettings(boolean applyToCli, List<Cidr> allowCidrs, List<Cidr> denyCidrs,
                             List<HostPattern> allowHosts, List<HostPattern> denyHosts, List<Integer> allowedPorts,
                             int maxAddressesPerName, List<Cidr> internetFacingCidrs, List<HostPattern> internetFacingHosts) {

    /** {@code policy.max_addresses_per_name}'s default. */
    public static final int DEFAULT_MAX_ADDRESSES_PER_NAME = 4;

    public PolicySettings(boolean applyToCli, List<Cidr> allowCidrs, List<Cidr> denyCidrs,
                          List<HostPattern> allowHosts, List<HostPattern> denyHosts, List<Integer> allowedPorts) {
        this(applyToCli, allowCidrs, denyCidrs, allowHosts, denyHosts, allowedPorts, DEFAULT_MAX_ADDRESSES_PER_NAME,
                List.of(), List.of());
    }

    /** Whether the target typed as {@code host}, reached at {@code address}, is marked internet-facing. */
    public boolean internetFacing(String host, java.net.InetAddress address) {
        return internetFacingCidrs.stream().anyMatch(cidr -> cidr.contains(address))
                || internetFacingHosts.stream().anyMatch(pattern -> pattern.matches(host));
    }

    public PolicySettings {
        allowCidrs = List.copyOf(allowCidrs);
        denyCidrs = List.copyOf(denyCidrs);
        allowHosts = List.copyOf(allowHosts);
        denyHosts = List.copyOf(denyHosts);
        allowedPorts = List.copyOf(allowedPorts);
        internetFacingCidrs = List.copyOf(internetFacingCidrs);
        internetFacingHosts = List.copyOf(internetFacingHosts);
    }
}
