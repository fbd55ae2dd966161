package rdpcheck.chat.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import rdpcheck.chat.ChatPlatform;
import rdpcheck.chat.Requester;

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
        DiscordAccess open = new DiscordAccess(List.of(), List.of(), List.of());
        assertTrue(open.decide(in("", "D1"), Set.of()).allowed());
    }

    @Test
    void decide_guildChannelRole_andNoDirectMessagesWhenGuildsAreListed() {
        DiscordAccess rules = new DiscordAccess(List.of("100"), List.of("200"), List.of("300"));
        assertTrue(rules.decide(in("100", "200"), Set.of("300", "301")).allowed());
        assertEquals("access.guild", rules.decide(in("101", "200"), Set.of("300")).code());
        assertEquals("access.guild", rules.decide(in("", "200"), Set.of("300")).code());
        assertEquals("access.channel", rules.decide(in("100", "201"), Set.of("300")).code());
        assertEquals("access.role", rules.decide(in("100", "200"), Set.of()).code());
    }
}
