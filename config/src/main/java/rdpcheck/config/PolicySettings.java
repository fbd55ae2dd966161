package rdpcheck.config;

import java.util.List;

/**
 * Which targets chat users may have probed. The built-in denials (link-local, cloud metadata,
 * multicast, unspecified, broadcast, loopback unless allowed) live in the policy itself.
 */
public record PolicySettings(boolean applyToCli, List<Cidr> allowCidrs, List<Cidr> denyCidrs,
                             List<HostPattern> allowHosts, List<HostPattern> denyHosts, List<Integer> allowedPorts) {

    public PolicySettings {
        allowCidrs = List.copyOf(allowCidrs);
        denyCidrs = List.copyOf(denyCidrs);
        allowHosts = List.copyOf(allowHosts);
        denyHosts = List.copyOf(denyHosts);
        allowedPorts = List.copyOf(allowedPorts);
    }
}
