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
                             int maxAddressesPerName, List<Integer> gatewayPorts, List<Cidr> internetFacingCidrs,
                             List<HostPattern> internetFacingHosts) {

    /** {@code policy.max_addresses_per_name}'s default. */
    public static final int DEFAULT_MAX_ADDRESSES_PER_NAME = 4;
    /** {@code policy.gateway_ports}' default: an RD Gateway's HTTPS port and its UDP transport. */
    public static final List<Integer> DEFAULT_GATEWAY_PORTS = List.of(443, 3391);

    public PolicySettings(boolean applyToCli, List<Cidr> allowCidrs, List<Cidr> denyCidrs,
                          List<HostPattern> allowHosts, List<HostPattern> denyHosts, List<Integer> allowedPorts) {
        this(applyToCli, allowCidrs, denyCidrs, allowHosts, denyHosts, allowedPorts, DEFAULT_MAX_ADDRESSES_PER_NAME);
    }

    public PolicySettings(boolean applyToCli, List<Cidr> allowCidrs, List<Cidr> denyCidrs,
                          List<HostPattern> allowHosts, List<HostPattern> denyHosts, List<Integer> allowedPorts,
                          int maxAddressesPerName) {
        this(applyToCli, allowCidrs, denyCidrs, allowHosts, denyHosts, allowedPorts, maxAddressesPerName,
                DEFAULT_GATEWAY_PORTS, List.of(), List.of());
    }

    public PolicySettings {
        allowCidrs = List.copyOf(allowCidrs);
        denyCidrs = List.copyOf(denyCidrs);
        allowHosts = List.copyOf(allowHosts);
        denyHosts = List.copyOf(denyHosts);
        allowedPorts = List.copyOf(allowedPorts);
        gatewayPorts = List.copyOf(gatewayPorts);
        internetFacingCidrs = List.copyOf(internetFacingCidrs);
        internetFacingHosts = List.copyOf(internetFacingHosts);
    }

    /** Whether the target typed as {@code host}, reached at {@code address}, is marked internet-facing. */
    public boolean internetFacing(String host, java.net.InetAddress address) {
        return internetFacingCidrs.stream().anyMatch(cidr -> cidr.contains(address))
                || internetFacingHosts.stream().anyMatch(pattern -> pattern.matches(host));
    }
}
