package rdpcheck.chat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import rdpcheck.config.AccessSettings;

class AccessPolicyTest {

    static final AccessSettings.Discord OPEN_DISCORD = new AccessSettings.Discord(List.of(), List.of(), List.of());
    static final AccessSettings.Slack OPEN_SLACK = new AccessSettings.Slack(List.of(), List.of(), List.of(), List.of());

    @Test
    void decide_emptyLists_allowEveryone() {
        AccessPolicy policy = new AccessPolicy(new AccessSettings(OPEN_SLACK, OPEN_DISCORD));
        assertTrue(policy.decide(ChatRequest.slack("T1", "C1", "U1", Set.of(), "h")).allowed());
        assertTrue(policy.decide(ChatRequest.discord("", "D1", "42", Set.of(), "h")).allowed());
    }

    @Test
    void decide_slack_teamChannelAndUserOrGroup() {
        AccessPolicy policy = new AccessPolicy(new AccessSettings(new AccessSettings.Slack(List.of("T1"), List.of("C1"),
                List.of("UADMIN"), List.of("SOPS")), OPEN_DISCORD));
        assertTrue(policy.decide(ChatRequest.slack("T1", "C1", "UADMIN", Set.of(), "h")).allowed());
        assertTrue(policy.decide(ChatRequest.slack("T1", "C1", "U7", Set.of("SOPS"), "h")).allowed());
        AccessDecision team = policy.decide(ChatRequest.slack("T2", "C1", "UADMIN", Set.of(), "h"));
        assertEquals("access.team", team.code());
        AccessDecision channel = policy.decide(ChatRequest.slack("T1", "C9", "UADMIN", Set.of(), "h"));
        assertEquals("access.channel", channel.code());
        assertFalse(channel.reason().isBlank());
        AccessDecision user = policy.decide(ChatRequest.slack("T1", "C1", "U7", Set.of("SOTHER"), "h"));
        assertEquals("access.user", user.code());
        assertFalse(user.allowed());
    }

    @Test
    void decide_discord_guildChannelRole_andDirectMessages() {
        AccessPolicy policy = new AccessPolicy(new AccessSettings(OPEN_SLACK,
                new AccessSettings.Discord(List.of("100"), List.of("200"), List.of("300"))));
        assertTrue(policy.decide(ChatRequest.discord("100", "200", "9", Set.of("300", "301"), "h")).allowed());
        assertEquals("access.guild", policy.decide(ChatRequest.discord("101", "200", "9", Set.of("300"), "h")).code());
        assertEquals("access.guild", policy.decide(ChatRequest.discord("", "200", "9", Set.of("300"), "h")).code());
        assertEquals("access.channel", policy.decide(ChatRequest.discord("100", "201", "9", Set.of("300"), "h")).code());
        assertEquals("access.role", policy.decide(ChatRequest.discord("100", "200", "9", Set.of(), "h")).code());
    }

    @Test
    void decide_localRequests_areNotJudged() {
        AccessPolicy policy = new AccessPolicy(new AccessSettings(new AccessSettings.Slack(List.of("T1"), List.of(),
                List.of(), List.of()), OPEN_DISCORD));
        assertTrue(policy.decide(ChatRequest.local(Platform.CONSOLE, "me", "h")).allowed());
    }
}
