package rdpcheck.chat.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import rdpcheck.chat.ChatPlatform;
import rdpcheck.chat.Requester;
import rdpcheck.config.AccessSettings;

class DiscordPlatformTest {

    private static Requester in(String guild, String channel) {
        return new Requester("discord", guild, channel, "9");
    }

    @Test
    void installed_findsDiscordThroughItsServiceFile() {
        assertTrue(ChatPlatform.installed().stream().anyMatch(p -> p instanceof DiscordPlatform && p.name().equals("discord")));
    }

    @Test
    void decide_emptyLists_allowEveryoneEvenInDirectMessages() {
        AccessSettings.Discord open = new AccessSettings.Discord(List.of(), List.of(), List.of());
        assertTrue(DiscordPlatform.decide(open, in("", "D1"), Set.of()).allowed());
    }

    @Test
    void decide_guildChannelRole_andNoDirectMessagesWhenGuildsAreListed() {
        AccessSettings.Discord rules = new AccessSettings.Discord(List.of("100"), List.of("200"), List.of("300"));
        assertTrue(DiscordPlatform.decide(rules, in("100", "200"), Set.of("300", "301")).allowed());
        assertEquals("access.guild", DiscordPlatform.decide(rules, in("101", "200"), Set.of("300")).code());
        assertEquals("access.guild", DiscordPlatform.decide(rules, in("", "200"), Set.of("300")).code());
        assertEquals("access.channel", DiscordPlatform.decide(rules, in("100", "201"), Set.of("300")).code());
        assertEquals("access.role", DiscordPlatform.decide(rules, in("100", "200"), Set.of()).code());
    }
}
