package rdpcheck.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetParserTest {

    @ParameterizedTest
    @CsvSource({
            "rdp01.corp,            rdp01.corp,     3389",
            "RDP01.Corp.,           rdp01.corp,     3389",
            "rdp01.corp:3390,       rdp01.corp,     3390",
            "10.0.0.5,              10.0.0.5,       3389",
            "10.0.0.5:65535,        10.0.0.5,       65535",
            "[2001:db8::5]:3390,    2001:db8::5,    3390",
            "[::1],                 ::1,            3389",
            "2001:db8:0:0:0:0:0:5,  2001:db8::5,    3389",
            "::1,                   ::1,            3389",
            "  host-1  ,            host-1,         3389",
            "bücher.example,        xn--bcher-kva.example, 3389",
            "localhost,             localhost,      3389"
    })
    void parse_validInput_normalisesHostAndPort(String input, String host, int port) throws Exception {
        Target target = TargetParser.parse(input);
        assertEquals(host, target.host());
        assertEquals(port, target.port());
    }

    @Test
    void key_ipv6_isBracketed() throws Exception {
        assertEquals("[2001:db8::5]:3390", TargetParser.parse("[2001:db8:0::5]:3390").key());
        assertEquals("rdp01.corp:3389", TargetParser.parse("RDP01.corp").key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a b", "host;rm -rf", "<!channel>", "host|cat", "$(id)", "`id`", "a\tb",
            "host:0", "host:65536", "host:99999", "host:abc", "host:", ":3389", "-host.corp", "host-.corp",
            "a..b", ".corp", "under_score.corp", "256.1.1.1", "1.2.3", "[::1", "[::1]x", "[host]:3389",
            "fe80::1%eth0", "http://host", "user@host", "host/path", "*.corp", "host,other"})
    void parse_badInput_isRefusedWithMessage(String input) {
        InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> TargetParser.parse(input));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void parse_labelOver63_saysLabelTooLong() {
        String label = "a".repeat(64);
        InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> TargetParser.parse(label + ".corp"));
        assertTrue(e.getMessage().contains("63"), e.getMessage());
    }

    @Test
    void parse_nameOver253_saysNameTooLong() {
        String name = ("a".repeat(60) + ".").repeat(4) + "abcdefghijklmnop";
        InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> TargetParser.parse(name));
        assertTrue(e.getMessage().contains("253"), e.getMessage());
    }

    @Test
    void parse_exactly63CharLabel_isAccepted() throws Exception {
        String label = "a".repeat(63);
        assertEquals(label + ".corp", TargetParser.parse(label + ".corp").host());
    }

    @Test
    void parse_portOutOfRange_namesTheRange() {
        InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> TargetParser.parse("h:70000"));
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
    }

    @Test
    void parse_hugeInput_isRefusedWithoutEchoingIt() {
        InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> TargetParser.parse("a".repeat(100_000)));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void compressIpv6_picksLongestZeroRun() {
        assertEquals("2001:db8::1:0:0:1", TargetParser.compressIpv6("2001:db8:0:0:1:0:0:1"));
        assertEquals("::", TargetParser.compressIpv6("0:0:0:0:0:0:0:0"));
        assertEquals("1:2:3:4:5:6:7:8", TargetParser.compressIpv6("1:2:3:4:5:6:7:8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
            "xoxp-1234567890-1234567890123-1234567890123-0123456789abcdef0123456789abcdef",
            "xoxe.xoxp-1-Mi0yLTEyMzQ1Njc4OTAtMTIzNA", "xapp-1-A0123ABCDEF-1234567890123-0123456789abcdef",
            "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl",
            "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx:3389"})
    void parse_secretShapedText_refusedWithoutEchoingIt(String secret) {
        InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> TargetParser.parse(secret));
        assertTrue(e.getMessage().contains("token"), e.getMessage());
        String body = secret.substring(5, 15);
        assertTrue(!e.getMessage().contains(body), "the refusal must not repeat the secret: " + e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void parse_gatewayWord_isAnRdGatewayOn443UnlessGiven() throws Exception {
        Target gateway = TargetParser.parse("GW.corp gateway");
        assertEquals("gw.corp", gateway.host());
        assertEquals(443, gateway.port());
        assertEquals(Route.GATEWAY, gateway.route());
        assertEquals("gw.corp:443 gateway", gateway.key());
        assertEquals("gw.corp:443 --gateway", gateway.commandLine());
        assertEquals(8443, TargetParser.parse("gw.corp:8443 GATEWAY").port());
    }

    @org.junit.jupiter.api.Test
    void parse_via_hostOn3389_gatewayOn443_keyParsesBack() throws Exception {
        Target target = TargetParser.parse("rdp01 via gw.corp");
        assertEquals("rdp01", target.host());
        assertEquals(3389, target.port());
        assertEquals(new Route.Via("gw.corp", 443), target.route());
        assertEquals("rdp01:3389 via gw.corp:443", target.key());
        assertEquals("rdp01:3389 --via gw.corp:443", target.commandLine());
        assertEquals(target.key(), TargetParser.parse(target.key()).key(), "the cache key is itself a request");
        assertEquals(new Route.Via("2001:db8::1", 8443), TargetParser.parse("rdp01:3390 via [2001:db8::1]:8443").route());
        assertEquals("gw.corp:443 gateway", target.gateway().orElseThrow().key());
    }

    @org.junit.jupiter.api.Test
    void parse_viaMisplacedOrGatewayBroken_refusedWithWhatIsWrong() {
        InvalidTargetException dangling = org.junit.jupiter.api.Assertions.assertThrows(InvalidTargetException.class,
                () -> TargetParser.parse("rdp01 via"));
        assertTrue(dangling.getMessage().contains("HOST via GATEWAY"), dangling.getMessage());
        InvalidTargetException badGateway = org.junit.jupiter.api.Assertions.assertThrows(InvalidTargetException.class,
                () -> TargetParser.parse("rdp01 via gw.corp:99999"));
        assertTrue(badGateway.getMessage().startsWith("the RD Gateway: port"), badGateway.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(InvalidTargetException.class, () -> TargetParser.parse("a b c d"));
    }
}
