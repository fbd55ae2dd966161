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
import rdpcheck.config.AccessSettings;

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
        AccessSettings.Slack open = new AccessSettings.Slack(List.of(), List.of(), List.of(), List.of());
        assertTrue(SlackPlatform.decide(open, in("T1", "C1", "U1"), Set.of()).allowed());
    }

    @Test
    void decide_teamChannelAndUserOrGroup_eachListThatIsSetMustHold() {
        AccessSettings.Slack rules = new AccessSettings.Slack(List.of("T1"), List.of("C1"), List.of("UADMIN"), List.of("SOPS"));
        assertTrue(SlackPlatform.decide(rules, in("T1", "C1", "UADMIN"), Set.of()).allowed());
        assertTrue(SlackPlatform.decide(rules, in("T1", "C1", "U7"), Set.of("SOPS")).allowed());
        assertEquals("access.team", SlackPlatform.decide(rules, in("T2", "C1", "UADMIN"), Set.of()).code());
        AccessDecision channel = SlackPlatform.decide(rules, in("T1", "C9", "UADMIN"), Set.of());
        assertEquals("access.channel", channel.code());
        assertFalse(channel.reason().isBlank());
        AccessDecision user = SlackPlatform.decide(rules, in("T1", "C1", "U7"), Set.of("SOTHER"));
        assertEquals("access.user", user.code());
        assertFalse(user.allowed());
    }
}
