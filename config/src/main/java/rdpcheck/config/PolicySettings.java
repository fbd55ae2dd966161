package rdpcheck.config;

import java.util.List;

/**
 * Which targets chat users may have probed. The built-in denials (link-local, cloud metadata,
 * multicast, unspecified, broadcast, loopback unless allowed) live in the policy itself.
 */
public record PolicySettings(boolean applyToCli, List<Cidr> allowCidrs, List<Cidr> denyCidrs,
                             List<HostPattern> allowHosts, List<HostPattern> denyHosts, List<Integer> allowedPorts,
                             int maxAddressesPerName) {

    /** {@code policy.max_addresses_per_name}'s default. */
    public static final int DEFAULT_MAX_ADDRESSES_PER_NAME = 4;

    public PolicySettings(boolean applyToCli, List<Cidr> allowCidrs, List<Cidr> denyCidrs,
                          List<HostPattern> allowHosts, List<HostPattern> denyHosts, List<Integer> allowedPorts) {
        this(applyToCli, allowCidrs, denyCidrs, allowHosts, denyHosts, allowedPorts, DEFAULT_MAX_ADDRESSES_PER_NAME);
    }

    public PolicySettings {
        allowCidrs = List.copyOf(allowCidrs);
        denyCidrs = List.copyOf(denyCidrs);
        allowHosts = List.copyOf(allowHosts);
        denyHosts = List.copyOf(denyHosts);
        allowedPorts = List.copyOf(allowedPorts);
    }
}
