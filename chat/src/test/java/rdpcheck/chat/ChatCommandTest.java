package rdpcheck.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ChatCommandTest {

    @Test
    void parse_hostWithPortAndFresh_isFreshCheckOfNormalisedTarget() {
        ChatCommand command = ChatCommand.parse("/rdpcheck RDP01.Corp:3390 fresh");
        ChatCommand.Check check = assertInstanceOf(ChatCommand.Check.class, command);
        assertEquals("rdp01.corp:3390", check.target().key());
        assertTrue(check.fresh());
    }

    @Test
    void parse_withoutCommandWord_isCheckOnDefaultPort() {
        ChatCommand.Check check = assertInstanceOf(ChatCommand.Check.class, ChatCommand.parse("  10.0.0.5  "));
        assertEquals("10.0.0.5:3389", check.target().key());
        assertEquals(false, check.fresh());
    }

    @Test
    void parse_ipv6InBrackets_keepsBracketsInKey() {
        ChatCommand.Check check = assertInstanceOf(ChatCommand.Check.class, ChatCommand.parse("[::1]:3390"));
        assertEquals("[::1]:3390", check.target().key());
    }

    @Test
    void parse_emptyOrCommandOnly_isHelp() {
        assertInstanceOf(ChatCommand.Help.class, ChatCommand.parse(""));
        assertInstanceOf(ChatCommand.Help.class, ChatCommand.parse("/rdpcheck"));
        assertInstanceOf(ChatCommand.Help.class, ChatCommand.parse("/rdpcheck help"));
        assertInstanceOf(ChatCommand.Help.class, ChatCommand.parse(null));
    }

    @Test
    void parse_explainWithExtended_normalisesCase() {
        ChatCommand.Explain explain = assertInstanceOf(ChatCommand.Explain.class, ChatCommand.parse("explain 0X904 0x7"));
        assertEquals("0x904", explain.code());
        assertEquals(Optional.of("0x7"), explain.extended());
    }

    @Test
    void parse_explainGarbageOrMissingCode_isInvalidWithUsage() {
        assertTrue(invalid("explain").contains("Usage"));
        assertTrue(invalid("explain 0xZZ").contains("not an error code"));
        assertTrue(invalid("explain 1 2 3").contains("Usage"));
    }

    @Test
    void parse_injectionAttempts_areInvalidNotExceptions() {
        assertTrue(invalid("<!channel>").contains("Cannot check that"));
        assertTrue(invalid("host;rm -rf /").contains("Cannot check 'host;rm'"));
        assertTrue(invalid("rdp01 && rdp02").contains("Cannot check '&&'"));
        assertTrue(invalid("rdp01 fresh fresh").contains("`fresh` is said once"));
        assertTrue(invalid("fresh").contains("needs a host"));
        assertTrue(invalid("rdp01:99999").contains("out of range"));
    }

    @Test
    void parse_severalHosts_isCheckManyInOrderWithoutDuplicates() {
        ChatCommand.CheckMany many = assertInstanceOf(ChatCommand.CheckMany.class,
                ChatCommand.parse("/rdpcheck rdp01 RDP02.corp:3390 fresh rdp01:3389 10.0.0.7"));
        assertEquals(java.util.List.of("rdp01:3389", "rdp02.corp:3390", "10.0.0.7:3389"),
                many.targets().stream().map(rdpcheck.probes.Target::key).toList());
        assertTrue(many.fresh());
    }

    @Test
    void parse_sameHostTwice_isSingleCheck() {
        ChatCommand.Check check = assertInstanceOf(ChatCommand.Check.class, ChatCommand.parse("rdp01 RDP01:3389"));
        assertEquals("rdp01:3389", check.target().key());
    }

    @Test
    void parse_oneBadHostAmongMany_namesIt() {
        String message = invalid("rdp01 rdp02 bad_host!");
        assertTrue(message.contains("'bad_host!'"), message);
    }

    @Test
    void parse_hugeText_isRefusedBeforeParsing() {
        assertTrue(invalid("a".repeat(5_000)).contains("at most"));
    }

    @Test
    void parse_longUnexpectedWord_isAbbreviatedInMessage() {
        String message = invalid("rdp01 " + "x".repeat(200));
        assertTrue(message.length() < 200, message);
    }

    private static String invalid(String text) {
        return assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.parse(text)).message();
    }

    @Test
    void check_typedFields_hostsParsedOnce_freshTakenAsGiven() {
        ChatCommand.Check one = assertInstanceOf(ChatCommand.Check.class, ChatCommand.check("rdp01.corp:3390", true));
        assertEquals("rdp01.corp:3390", one.target().key());
        assertTrue(one.fresh());
        ChatCommand.CheckMany many = assertInstanceOf(ChatCommand.CheckMany.class, ChatCommand.check("a.corp b.corp", false));
        assertEquals(2, many.targets().size());
        assertTrue(!many.fresh());
        assertInstanceOf(ChatCommand.Help.class, ChatCommand.check("  ", true));
    }

    @Test
    void check_typedHostField_commandWordsAreNotHosts() {
        for (String field : new String[] {"explain 0x904", "help", "rdp01.corp fresh fresh"}) {
            ChatCommand.Invalid invalid = assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.check(field, false), field);
            assertTrue(!invalid.message().isEmpty(), field);
        }
    }

    @Test
    void explain_typedFields_blankExtendedIsNone() {
        ChatCommand.Explain explain = assertInstanceOf(ChatCommand.Explain.class, ChatCommand.explain("0x904", Optional.of(" ")));
        assertEquals("0x904", explain.code());
        assertEquals(Optional.empty(), explain.extended());
        assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.explain("", Optional.empty()));
    }

    @Test
    void parse_hostThenGateway_isACheckOfTheGatewayItself() {
        ChatCommand.Check check = assertInstanceOf(ChatCommand.Check.class, ChatCommand.parse("/rdpcheck gw.corp gateway"));
        assertEquals("gw.corp:443 gateway", check.target().key());
        assertEquals(rdpcheck.probes.Route.GATEWAY, check.target().route());
    }

    @Test
    void parse_hostsViaGateway_eachHostBehindTheSameGateway() {
        ChatCommand.Check one = assertInstanceOf(ChatCommand.Check.class, ChatCommand.parse("/rdpcheck rdp01 via gw.corp fresh"));
        assertEquals("rdp01:3389 via gw.corp:443", one.target().key());
        assertTrue(one.fresh());
        ChatCommand.CheckMany many = assertInstanceOf(ChatCommand.CheckMany.class,
                ChatCommand.parse("/rdpcheck rdp01 rdp02:3390 via gw.corp:8443"));
        assertEquals(java.util.List.of("rdp01:3389 via gw.corp:8443", "rdp02:3390 via gw.corp:8443"),
                many.targets().stream().map(rdpcheck.probes.Target::key).toList());
        assertEquals(3, CommandRouter.named(many.targets()), "two hosts and their gateway");
    }

    @Test
    void parse_loneGatewayOrVia_isAHostOfThatName() {
        assertEquals("gateway:3389", assertInstanceOf(ChatCommand.Check.class, ChatCommand.parse("gateway")).target().key());
    }

    @Test
    void parse_viaWithoutGatewayOrBothRoutes_isInvalidWithUsage() {
        assertTrue(assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.parse("rdp01 via")).message().contains("via GATEWAY"));
        assertTrue(assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.parse("rdp01 via a via b")).message().contains("via"));
        assertTrue(assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.parse("gw gateway via x")).message().contains("not both"));
        assertTrue(assertInstanceOf(ChatCommand.Invalid.class, ChatCommand.parse("rdp01 via gw:0")).message().contains("RD Gateway"));
    }
}
