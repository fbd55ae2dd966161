package rdpcheck.chat.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import rdpcheck.chat.ChatPlatform;
import rdpcheck.chat.Requester;
import rdpcheck.chat.policy.AccessDecision;

class SlackPlatformTest {

    private static Requester in(String team, String channel, String user) {
        return new Requester("slack", team, channel, user);
    }

    @Test
    void installed_findsSlackThroughItsServiceFile() {
        assertTrue(ChatPlatform.installed().stream().anyMatch(p -> p instanceof SlackPlatform && p.name().equals("slack")));
    }

    @Test
    void decide_emptyLists_allowEveryone() {
        SlackAccess open = new SlackAccess(List.of(), List.of(), List.of(), List.of());
        assertTrue(open.decide(in("T1", "C1", "U1"), Set.of()).allowed());
    }

    @Test
    void decide_teamChannelAndUserOrGroup_eachListThatIsSetMustHold() {
        SlackAccess rules = new SlackAccess(List.of("T1"), List.of("C1"), List.of("UADMIN"), List.of("SOPS"));
        assertTrue(rules.decide(in("T1", "C1", "UADMIN"), Set.of()).allowed());
        assertTrue(rules.decide(in("T1", "C1", "U7"), Set.of("SOPS")).allowed());
        assertEquals("access.team", rules.decide(in("T2", "C1", "UADMIN"), Set.of()).code());
        AccessDecision channel = rules.decide(in("T1", "C9", "UADMIN"), Set.of());
        assertEquals("access.channel", channel.code());
        assertFalse(channel.reason().isBlank());
        AccessDecision user = rules.decide(in("T1", "C1", "U7"), Set.of("SOTHER"));
        assertEquals("access.user", user.code());
        assertFalse(user.allowed());
    }

    @Test
    void load_halfConfiguredSlack_isAConfigurationErrorThatSaysWhatToSet() {
        rdpcheck.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(rdpcheck.config.ConfigException.class,
                () -> rdpcheck.config.ConfigLoader.load(java.util.Optional.empty(),
                        java.util.Map.of("RDPCHECK_SLACK_BOT_TOKEN", "xoxb-0000000000-0000000000000-testtesttesttest")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("slack.app_token", e.problems().get(0).key());
        assertEquals("not set", e.problems().get(0).where());
        assertTrue(e.problems().get(0).message().contains("RDPCHECK_SLACK_APP_TOKEN"), e.getMessage());
    }

    @Test
    void keys_slackSectionDeclaresItsKeysOnce_andTheLoaderKnowsThem() {
        java.util.List<String> all = rdpcheck.config.ConfigKeys.all().stream().map(rdpcheck.config.Key::path).toList();
        for (rdpcheck.config.Key key : new SlackPlatform().keys()) {
            assertTrue(all.contains(key.path()), key.path());
        }
        assertEquals(1, all.stream().filter("slack.api_url"::equals).count());
        assertEquals(SlackSettings.DEFAULT_API_URL, SlackSettings.API_URL.defaultText());
    }
}
