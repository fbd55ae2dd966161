package rdpcheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class CidrTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void parse_ipv4Network_containsItsAddressesOnly() throws Exception {
        Cidr cidr = Cidr.parse("10.1.0.0/16");
        assertTrue(cidr.contains(ip("10.1.255.7")));
        assertFalse(cidr.contains(ip("10.2.0.1")));
        assertFalse(cidr.contains(ip("::1")));
        assertEquals("10.1.0.0/16", cidr.toString());
    }

    @Test
    void parse_ipv6Network_andBareAddresses() throws Exception {
        Cidr cidr = Cidr.parse("fe80::/10");
        assertTrue(cidr.contains(ip("febf::1")));
        assertFalse(cidr.contains(ip("fec0::1")));
        assertEquals("fe80::/10", cidr.toString());
        assertEquals(128, Cidr.parse("fd00:ec2::254").prefixLength());
        assertEquals(32, Cidr.parse("169.254.169.254").prefixLength());
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8")));
    }

    @Test
    void parse_ipv4MappedNetwork_isStoredAsIpv4() {
        Cidr cidr = Cidr.parse("::ffff:10.0.0.0/104");
        assertTrue(cidr.isIpv4());
        assertEquals("10.0.0.0/8", cidr.toString());
    }

    @Test
    void parse_hostBitsSet_suggestsTheNetwork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("192.168.1.7/24"));
        assertTrue(e.getMessage().contains("did you mean 192.168.1.0/24?"), e.getMessage());
    }

    @Test
    void parse_namesAndNonsense_areRefusedWithoutLookup() {
        for (String bad : new String[] {"rdp01.corp", "10.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/x", "", "1.2.3.4/", "fe80::1%eth0"}) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }

    @Test
    void hostPattern_wildcardMatchesSubdomainsNotTheDomain() {
        HostPattern p = HostPattern.parse("*.Corp.Example.");
        assertEquals("*.corp.example", p.pattern());
        assertTrue(p.matches("rdp01.corp.example"));
        assertTrue(p.matches("a.b.corp.example"));
        assertFalse(p.matches("corp.example"));
        assertFalse(p.matches("evilcorp.example"));
        assertTrue(HostPattern.parse("rdp01.corp").matches("rdp01.corp"));
        assertFalse(HostPattern.parse("rdp01.corp").matches("rdp01.corp.evil"));
        assertTrue(HostPattern.parse("*").matches("anything"));
        assertEquals("xn--bcher-kva.example", HostPattern.parse("bücher.example").pattern());
    }

    @Test
    void hostPattern_badPatterns_areRefused() {
        for (String bad : new String[] {"rdp*.corp", "-x.corp", "a..b", "*", "*."}) {
            if (bad.equals("*")) {
                continue;
            }
            assertThrows(IllegalArgumentException.class, () -> HostPattern.parse(bad), bad);
        }
    }
}
