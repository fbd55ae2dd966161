package rdpcheck.chat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.config.Cidr;
import rdpcheck.config.HostPattern;
import rdpcheck.config.PolicySettings;
import rdpcheck.config.Settings;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;

class TargetPolicyTest {

    static final TargetPolicy DEFAULTS = new TargetPolicy(Settings.defaults().policy());

    static PolicySettings policy(List<String> allowCidrs, List<String> denyCidrs, List<String> allowHosts,
                                 List<String> denyHosts, List<Integer> ports) {
        return new PolicySettings(false, allowCidrs.stream().map(Cidr::parse).toList(),
                denyCidrs.stream().map(Cidr::parse).toList(), allowHosts.stream().map(HostPattern::parse).toList(),
                denyHosts.stream().map(HostPattern::parse).toList(), ports);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private static Target target(String text) throws Exception {
        return TargetParser.parse(text);
    }

    @Test
    void refusal_builtInDenials_refuseWithReason() throws Exception {
        String[][] cases = {
                {"169.254.169.254", "metadata"}, {"fd00:ec2::254", "metadata"}, {"100.100.100.200", "metadata"},
                {"169.254.10.1", "link-local"}, {"fe80::1", "link-local"}, {"febf:ffff::1", "link-local"},
                {"224.0.0.1", "multicast"}, {"239.255.255.250", "multicast"}, {"ff02::1", "multicast"},
                {"0.0.0.0", "unspecified"}, {"::", "unspecified"}, {"255.255.255.255", "broadcast"},
                {"127.0.0.1", "loopback"}, {"127.9.9.9", "loopback"}, {"::1", "loopback"}, {"240.0.0.1", "reserved"},
        };
        for (String[] c : cases) {
            Optional<String> refusal = DEFAULTS.refusal(ip(c[0]), 3389);
            assertTrue(refusal.isPresent(), c[0]);
            assertTrue(refusal.get().contains(c[1]), c[0] + ": " + refusal.get());
        }
    }

    @Test
    void refusal_ordinaryAddresses_allowedByDefault() throws Exception {
        for (String ok : new String[] {"10.0.0.5", "192.168.1.20", "172.16.0.1", "8.8.8.8", "2001:db8::5", "fd12::1"}) {
            assertEquals(Optional.empty(), DEFAULTS.refusal(ip(ok), 3389), ok);
        }
    }

    @Test
    void refusal_ipv4InsideIpv6_isJudgedAsIpv4() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        // Inet6Address.getByAddress keeps the mapped form as IPv6, as a resolver might hand it over.
        InetAddress v6mapped = Inet6Address.getByAddress(null, mapped, -1);
        assertTrue(v6mapped instanceof Inet6Address);
        assertTrue(DEFAULTS.refusal(v6mapped, 3389).orElseThrow().contains("metadata"));
        assertTrue(DEFAULTS.refusal(ip("::ffff:127.0.0.1"), 3389).orElseThrow().contains("loopback"));
        assertTrue(DEFAULTS.refusal(ip("64:ff9b::a9fe:a9fe"), 3389).orElseThrow().contains("metadata"), "NAT64");
        assertTrue(DEFAULTS.refusal(ip("2002:a9fe:a9fe::1"), 3389).orElseThrow().contains("metadata"), "6to4");
        assertTrue(DEFAULTS.refusal(ip("::a9fe:a9fe"), 3389).orElseThrow().contains("metadata"), "compatible");
        assertEquals(Optional.empty(), DEFAULTS.refusal(ip("64:ff9b::a00:5"), 3389), "NAT64 of 10.0.0.5");
    }

    @Test
    void refusal_allowList_limitsAndCanAllowLoopback_butNeverMetadata() throws Exception {
        TargetPolicy policy = new TargetPolicy(policy(List.of("10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16"), List.of(),
                List.of(), List.of(), List.of(3389)));
        assertEquals(Optional.empty(), policy.refusal(ip("10.1.2.3"), 3389));
        assertEquals(Optional.empty(), policy.refusal(ip("127.0.0.1"), 3389));
        assertTrue(policy.refusal(ip("192.168.0.1"), 3389).orElseThrow().contains("outside the allowed networks"));
        assertTrue(policy.refusal(ip("169.254.169.254"), 3389).orElseThrow().contains("metadata"));
        assertTrue(policy.refusal(ip("::1"), 3389).orElseThrow().contains("loopback"));
    }

    @Test
    void refusal_denyList_winsOverAllowList() throws Exception {
        TargetPolicy policy = new TargetPolicy(policy(List.of("10.0.0.0/8"), List.of("10.66.0.0/16", "2001:db8::/32"),
                List.of(), List.of(), List.of(3389)));
        assertTrue(policy.refusal(ip("10.66.1.1"), 3389).orElseThrow().contains("10.66.0.0/16"));
        assertTrue(policy.refusal(ip("::ffff:10.66.1.1"), 3389).isPresent());
        assertTrue(policy.refusal(ip("2001:db8::1"), 3389).isPresent());
    }

    @Test
    void refusal_portNotListed_isRefused() throws Exception {
        assertTrue(DEFAULTS.refusal(ip("10.0.0.5"), 22).orElseThrow().contains("port 22"));
    }

    @Test
    void check_portsAndNames_beforeAnyLookup() throws Exception {
        assertTrue(DEFAULTS.check(target("rdp01.corp:22")).orElseThrow().contains("port 22 is not allowed"));
        assertEquals(Optional.empty(), DEFAULTS.check(target("rdp01.corp")));
        for (String name : new String[] {"localhost", "metadata.google.internal", "instance-data", "x.localhost", "metadata"}) {
            assertTrue(DEFAULTS.check(target(name)).isPresent(), name);
        }
        assertTrue(DEFAULTS.check(target("169.254.169.254")).orElseThrow().contains("metadata"));
        assertTrue(DEFAULTS.check(target("[fd00:ec2::254]")).orElseThrow().contains("metadata"));
    }

    @Test
    void check_hostPatterns_allowAndDeny() throws Exception {
        TargetPolicy policy = new TargetPolicy(policy(List.of(), List.of(), List.of("*.corp.example"),
                List.of("*.dmz.corp.example"), List.of(3389)));
        assertEquals(Optional.empty(), policy.check(target("rdp01.corp.example")));
        assertTrue(policy.check(target("web.dmz.corp.example")).orElseThrow().contains("deny list"));
        assertTrue(policy.check(target("rdp01.other.example")).orElseThrow().contains("not among"));
        assertTrue(policy.check(target("corp.example.evil.net")).isPresent());
        assertTrue(policy.check(target("10.0.0.5")).orElseThrow().contains("give a host name"),
                "an address literal would bypass the name allow list");
    }
    @Test
    void refusal_everyIpv4Embedding_isDeniedLikeTheIpv4() throws Exception {
        String[][] cases = {
                {"64:ff9b:1::a9fe:a9fe", "NAT64 local-use, /96 position"},
                {"64:ff9b:1:a9fe:a9:fe00::", "NAT64 local-use, /48 position (RFC 6052 skips bits 64-71)"},
                {"64:ff9b:1:0:a9:fea9:fe00:0", "NAT64 local-use, /64 position"},
                {"::ffff:0:a9fe:a9fe", "SIIT (IPv4-translated)"},
                {"2001:db8::5efe:a9fe:a9fe", "ISATAP"},
                {"2001:db8::200:5efe:a9fe:a9fe", "ISATAP, universal/local bit set"},
                {"2001:0:4136:e378:8000:63bf:5601:5601", "Teredo: the client address is XOR-ed"},
                {"2001:0:a9fe:a9fe::1", "Teredo: the server address"},
        };
        for (String[] c : cases) {
            Optional<String> refusal = DEFAULTS.refusal(ip(c[0]), 3389);
            assertTrue(refusal.isPresent() && refusal.get().contains("metadata"), c[1] + " " + c[0] + ": " + refusal);
        }
        TargetPolicy denyTen = new TargetPolicy(policy(List.of(), List.of("10.0.0.0/8"), List.of(), List.of(), List.of(3389)));
        assertTrue(denyTen.refusal(ip("2001:0:4136:e378:8000:63bf:f5ff:fffa"), 3389).isPresent(), "Teredo client 10.0.0.5");
        assertTrue(denyTen.refusal(ip("2001:db8::5efe:a00:5"), 3389).isPresent(), "ISATAP 10.0.0.5");
        assertEquals(Optional.empty(), DEFAULTS.refusal(ip("2001:0:4136:e378:8000:63bf:f5ff:fffa"), 3389),
                "Teredo of an ordinary address is an ordinary address");
        for (String nat : new String[] {"64:ff9b:1::a00:5", "64:ff9b:1:a00:0:500::", "64:ff9b:1:0:a:0:500:0"}) {
            assertEquals(Optional.empty(), DEFAULTS.refusal(ip(nat), 3389), "NAT64 local-use of 10.0.0.5: " + nat);
        }
    }

    @Test
    void refusal_allowList_admitsOnlyWhatItNamesAsWritten() throws Exception {
        TargetPolicy loopbackOnly = new TargetPolicy(policy(List.of("127.0.0.0/8"), List.of(), List.of(), List.of(),
                List.of(3389)));
        assertEquals(Optional.empty(), loopbackOnly.refusal(ip("127.0.0.1"), 3389));
        for (String v6 : new String[] {"2002:7f00:1::1", "::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b:1::7f00:1",
                "::ffff:0:7f00:1", "2001:db8::5efe:7f00:1"}) {
            Optional<String> refusal = loopbackOnly.refusal(ip(v6), 3389);
            assertTrue(refusal.isPresent(), v6 + " carries 127.0.0.1 but is not in 127.0.0.0/8 as written");
        }
        TargetPolicy natAllowed = new TargetPolicy(policy(List.of("64:ff9b::/96"), List.of(), List.of(), List.of(),
                List.of(3389)));
        assertEquals(Optional.empty(), natAllowed.refusal(ip("64:ff9b::a00:5"), 3389));
        assertTrue(natAllowed.refusal(ip("64:ff9b::7f00:1"), 3389).isPresent(), "NAT64 of loopback: the IPv4 is denied");
    }

    @Test
    void check_shortNames_areJudgedAsEveryNameTheResolverMayTry() throws Exception {
        PolicySettings rules = policy(List.of(), List.of(), List.of(), List.of("secret.corp.example", "*.dmz.corp.example"),
                List.of(3389));
        TargetPolicy policy = new TargetPolicy(rules, new SearchDomains(List.of("corp.example")));
        assertTrue(policy.check(target("secret")).orElseThrow().contains("secret.corp.example"),
                "secret + search domain corp.example is the denied name");
        assertTrue(policy.check(target("rdp01.dmz")).orElseThrow().contains("deny list"),
                "rdp01.dmz may be looked up as rdp01.dmz.corp.example");
        assertTrue(policy.check(target("SECRET")).isPresent());
        assertEquals(Optional.empty(), policy.check(target("rdp01")), "rdp01.corp.example is not denied");
        assertTrue(new TargetPolicy(Settings.defaults().policy(), new SearchDomains(List.of("localhost")))
                .check(target("db")).isPresent(), "db.localhost is the bot's own machine");
    }

    @Test
    void allowList_shortNameUnderAnotherSearchDomain_isNeverLookedUp_onlyTheAdmittedNames() throws Exception {
        PolicySettings rules = policy(List.of(), List.of(), List.of("*.corp.example"), List.of(), List.of(3389));
        TargetPolicy policy = new TargetPolicy(rules, new SearchDomains(List.of("lab.example", "corp.example")));

        // a missing rdp01.corp.example must not resolve as rdp01.corp.example.lab.example
        assertEquals(Optional.empty(), policy.check(target("rdp01.corp.example")));
        assertEquals(List.of("rdp01.corp.example", "rdp01.corp.example.corp.example"),
                policy.namesToResolve("rdp01.corp.example"));
        // a short name is admitted as the one expansion the list admits, and looked up as that alone
        assertEquals(Optional.empty(), policy.check(target("rdp01")));
        assertEquals(List.of("rdp01.corp.example"), policy.namesToResolve("rdp01"));
        assertEquals(List.of("rdp01.other.example.corp.example"), policy.namesToResolve("rdp01.other.example"));
        assertTrue(new TargetPolicy(rules, new SearchDomains(List.of("lab.example"))).check(target("rdp01.other.example"))
                .isPresent(), "no name it may resolve as is admitted");
        // no allow list, or no search domains: the system resolver, as for any program
        assertEquals(List.of(), new TargetPolicy(policy(List.of(), List.of(), List.of(), List.of(), List.of(3389)),
                new SearchDomains(List.of("lab.example"))).namesToResolve("rdp01"));
        assertEquals(List.of(), new TargetPolicy(rules, SearchDomains.none()).namesToResolve("rdp01.corp.example"));
    }

    @Test
    void searchDomains_lookupOrder_followsNdots() {
        SearchDomains one = new SearchDomains(List.of("a.example", "b.example"));
        assertEquals(List.of("rdp01.a.example", "rdp01.b.example", "rdp01"), one.lookupOrder("rdp01"));
        assertEquals(List.of("rdp01.x", "rdp01.x.a.example", "rdp01.x.b.example"), one.lookupOrder("rdp01.x"));
        SearchDomains five = new SearchDomains(List.of("svc.cluster.local"), 5);
        assertEquals(List.of("rdp01.corp.example.svc.cluster.local", "rdp01.corp.example"),
                five.lookupOrder("rdp01.corp.example"), "Kubernetes' ndots:5 tries the search domain first");
        assertEquals(List.of("rdp01.corp.example"), one.lookupOrder("rdp01.corp.example."));
    }

    @Test
    void searchDomains_fromResolvConf_lastSearchLineWins(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path conf = java.nio.file.Files.writeString(dir.resolve("resolv.conf"),
                "nameserver 127.0.0.53\ndomain old.example\nsearch corp.example. lab.example\noptions ndots:2\n");
        assertEquals(List.of("corp.example", "lab.example"), SearchDomains.fromResolvConf(conf).domains());
        assertEquals(2, SearchDomains.fromResolvConf(conf).ndots());
        assertEquals(List.of(), SearchDomains.fromResolvConf(dir.resolve("missing")).domains());
    }

    @Test
    void check_gatewayRoute_gatewayPortsForTheGateway_rdpPortsForTheHost() throws Exception {
        assertEquals(java.util.Optional.empty(), DEFAULTS.check(target("gw.corp gateway")), "443 is a gateway port");
        assertTrue(DEFAULTS.check(target("rdp01.corp:443")).isPresent(), "but never an RDP port");
        assertTrue(DEFAULTS.check(target("gw.corp:8443 gateway")).orElseThrow().contains("policy.gateway_ports"));
        assertEquals(java.util.Optional.empty(), DEFAULTS.check(target("rdp01.corp via gw.corp")));
        assertTrue(DEFAULTS.check(target("rdp01.corp:443 via gw.corp")).isPresent(), "the host keeps the RDP ports");
        TargetPolicy denying = new TargetPolicy(policy(List.of(), List.of(), List.of(), List.of("*.dmz.corp"), List.of(3389)));
        String why = denying.check(target("rdp01.corp via gw.dmz.corp")).orElseThrow();
        assertTrue(why.startsWith("the RD Gateway: ") && why.contains("deny list"), why);
        assertTrue(denying.check(target("gw.dmz.corp gateway")).isPresent());
    }

    @Test
    void refusal_gatewayPorts_passTheAddressGate_otherPortsDoNot() throws Exception {
        assertEquals(java.util.Optional.empty(), DEFAULTS.refusal(ip("10.0.0.9"), 443));
        assertEquals(java.util.Optional.empty(), DEFAULTS.refusal(ip("10.0.0.9"), 3391));
        assertTrue(DEFAULTS.refusal(ip("10.0.0.9"), 22).isPresent());
    }
}
