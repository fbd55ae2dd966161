package rdpcheck.chat.policy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import rdpcheck.config.Cidr;
import rdpcheck.config.HostPattern;
import rdpcheck.config.PolicySettings;
import rdpcheck.probes.AddressGate;
import rdpcheck.probes.Route;
import rdpcheck.probes.Target;

/**
 * Which targets a chat user may have probed. Two checks: {@link #check(Target)} before anything
 * touches the network (port, host-name patterns, address literals), and {@link #refusal} on
 * every address the name resolved to: the tcp probe asks it and connects only to the addresses
 * it allowed, so the name is never looked up twice (a DNS answer cannot change in between).
 *
 * <p>Always denied, whatever the configuration: unspecified (0.0.0.0/8, ::), link-local
 * (169.254.0.0/16, fe80::/10) with the cloud metadata addresses in and beside it, multicast,
 * broadcast and the reserved 240.0.0.0/4. Loopback is denied unless {@code policy.allow_cidrs}
 * names it. IPv4 carried inside IPv6 (mapped, compatible, SIIT, NAT64 well-known and local-use,
 * 6to4, Teredo, ISATAP) is judged as IPv4 too: either form denied denies the address; the allow
 * list admits only the address as written.
 */
public final class TargetPolicy implements AddressGate {

    private record Rule(Cidr cidr, String why) {
    }

    private static final List<Rule> ALWAYS_DENIED = List.of(
            rule("169.254.169.254/32", "it is the cloud metadata service (credentials live there)"),
            rule("fd00:ec2::254/128", "it is the cloud metadata service (credentials live there)"),
            rule("100.100.100.200/32", "it is the cloud metadata service (credentials live there)"),
            rule("255.255.255.255/32", "it is the broadcast address"),
            rule("0.0.0.0/8", "it is an unspecified address"),
            rule("::/128", "it is the unspecified address"),
            rule("169.254.0.0/16", "it is a link-local address"),
            rule("fe80::/10", "it is a link-local address"),
            rule("224.0.0.0/4", "it is a multicast address"),
            rule("ff00::/8", "it is a multicast address"),
            rule("240.0.0.0/4", "it is a reserved address"));

    private static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));

    /** Names that lead to metadata services or the bot's own machine, whatever they resolve to. */
    private static final List<HostPattern> DENIED_NAMES = List.of(
            HostPattern.parse("localhost"), HostPattern.parse("*.localhost"),
            HostPattern.parse("metadata"), HostPattern.parse("metadata.google.internal"),
            HostPattern.parse("metadata.goog"), HostPattern.parse("instance-data"),
            HostPattern.parse("instance-data.ec2.internal"));


    private final PolicySettings settings;
    private final SearchDomains search;

    public TargetPolicy(PolicySettings settings) {
        this(settings, SearchDomains.system());
    }

    /** @param search the resolver's search domains: name rules judge every name a lookup may expand to */
    public TargetPolicy(PolicySettings settings, SearchDomains search) {
        this.settings = settings;
        this.search = search;
    }

    public PolicySettings settings() {
        return settings;
    }

    /**
     * Judges what the user named, before any lookup: the port, the host name against the patterns,
     * an address literal against the address rules; for a route through an RD Gateway the gateway
     * too, on the gateway ports. Empty when the target may be probed.
     */
    public Optional<String> check(Target target) {
        if (target.route() instanceof Route.Via) {
            Optional<String> host = check(new Target(target.host(), target.port(), target.host()));
            if (host.isPresent()) {
                return host;
            }
            return target.gateway().flatMap(this::check).map(why -> "the RD Gateway: " + why);
        }
        boolean gateway = target.route() instanceof Route.AsGateway;
        List<Integer> ports = gateway ? settings.gatewayPorts() : settings.allowedPorts();
        if (!ports.contains(target.port())) {
            return Optional.of("port " + target.port() + " is not allowed" + (gateway ? " for an RD Gateway" : "")
                    + "; rdpcheck may check port" + (ports.size() == 1 ? " " : "s ") + join(ports) + " only"
                    + (gateway ? " (policy.gateway_ports)" : ""));
        }
        if (target.isIpLiteral()) {
            if (!settings.allowHosts().isEmpty() && settings.allowCidrs().isEmpty()) {
                return Optional.of("give a host name: addresses are allowed only inside policy.allow_cidrs, which is empty");
            }
            try {
                return refusal(InetAddress.getByName(target.host()), target.port()); // a literal: no lookup
            } catch (UnknownHostException e) {
                return Optional.of(target.host() + " is not an address");
            }
        }
        String host = target.host();
        // The resolver may append a search domain: "secret" can resolve as secret.corp.example.
        for (String name : search.candidates(host)) {
            String as = name.equals(host) ? host : host + " (which the resolver may look up as " + name + ")";
            for (HostPattern denied : DENIED_NAMES) {
                if (denied.matches(name)) {
                    return Optional.of(as + " names the bot's own machine or a cloud metadata service");
                }
            }
            for (HostPattern denied : settings.denyHosts()) {
                if (denied.matches(name)) {
                    return Optional.of(as + " is on the deny list (" + denied + ")");
                }
            }
        }
        // Admitted when a name the resolver may look up is on the allow list: only those names are then
        // looked up (namesToResolve), so rdp01 may be checked as rdp01.corp.example and never as anything else.
        if (!settings.allowHosts().isEmpty() && search.candidates(host).stream().noneMatch(this::allowed)) {
            return Optional.of(host + " is not among the hosts rdpcheck may check (" + join(settings.allowHosts()) + ")");
        }
        return Optional.empty();
    }

    private boolean allowed(String name) {
        return settings.allowHosts().stream().anyMatch(p -> p.matches(name));
    }

    /**
     * With an allow list, the names the resolver may look up for {@code host} that the list admits,
     * in the resolver's order: the DNS probe looks up only these, each without search domains, so a
     * name cannot resolve under a search domain the list does not admit (with search domain
     * lab.example, a missing rdp01.corp.example would otherwise be looked up as
     * rdp01.corp.example.lab.example). Without an allow list or search domains the system resolver
     * resolves as usual: the deny rules judged every expansion already.
     */
    @Override
    public List<String> namesToResolve(String host) {
        if (settings.allowHosts().isEmpty() || search.domains().isEmpty()) {
            return List.of();
        }
        List<String> admitted = search.lookupOrder(host).stream().filter(this::allowed).toList();
        // never empty here: check() refused a host with no admitted name; should one get this far, it resolves nothing
        return admitted.isEmpty() ? List.of(host + ".invalid") : admitted;
    }

    @Override
    public int maxAddressesPerName() {
        return settings.maxAddressesPerName();
    }

    /**
     * Gateway ports pass here for any address: {@link #check} already refused a host's RDP check on
     * them, so only the gateway probes of an admitted gateway route ask for them.
     */
    @Override
    public Optional<String> refusal(InetAddress address, int port) {
        if (!settings.allowedPorts().contains(port) && !settings.gatewayPorts().contains(port)) {
            return Optional.of("port " + port + " is not allowed");
        }
        String shown = literal(address);
        List<InetAddress> forms = forms(address);
        for (InetAddress form : forms) {
            for (Rule rule : ALWAYS_DENIED) {
                if (rule.cidr().contains(form)) {
                    return Optional.of(shown + " may not be checked: " + rule.why());
                }
            }
            for (Cidr denied : settings.denyCidrs()) {
                if (denied.contains(form)) {
                    return Optional.of(shown + " may not be checked: it is in a denied network (" + denied + ")");
                }
            }
            boolean loopback = LOOPBACK.stream().anyMatch(c -> c.contains(form));
            if (loopback && settings.allowCidrs().stream().noneMatch(c -> c.contains(form))) {
                return Optional.of(shown + " may not be checked: it is the bot's own machine (loopback)");
            }
        }
        // The allow list admits what it names as written: 2002:7f00:1::1 is not in 127.0.0.0/8.
        if (!settings.allowCidrs().isEmpty() && settings.allowCidrs().stream().noneMatch(c -> c.contains(address))) {
            return Optional.of(shown + " may not be checked: it is outside the allowed networks ("
                    + join(settings.allowCidrs()) + ")");
        }
        return Optional.empty();
    }

    /** The address and every IPv4 address it carries (see {@link EmbeddedIpv4}). */
    static List<InetAddress> forms(InetAddress address) {
        List<InetAddress> forms = new ArrayList<>();
        forms.add(address);
        forms.addAll(EmbeddedIpv4.of(address));
        return forms;
    }

    private static String literal(InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? rdpcheck.probes.TargetParser.compressIpv6(text) : text;
    }

    private static Rule rule(String cidr, String why) {
        return new Rule(Cidr.parse(cidr), why);
    }

    private static String join(List<?> items) {
        List<String> parts = new ArrayList<>();
        items.forEach(i -> parts.add(String.valueOf(i)));
        return String.join(", ", parts);
    }
}
