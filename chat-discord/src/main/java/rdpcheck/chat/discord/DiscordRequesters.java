package rdpcheck.chat.discord;

import java.util.Set;
import java.util.stream.Collectors;

import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.interactions.Interaction;
import rdpcheck.chat.Requester;
import rdpcheck.chat.policy.RecentGroups;

/** Who asked, for policy, rate limits and the audit log; the member's roles go to the access policy. */
final class DiscordRequesters {

    private DiscordRequesters() {
    }

    static Requester of(Interaction interaction, RecentGroups groups) {
        String guild = interaction.getGuild() == null ? "" : interaction.getGuild().getId();
        String channel = interaction.getChannelId() == null ? "" : interaction.getChannelId();
        Requester requester = new Requester("discord", guild, channel, interaction.getUser().getId());
        // The interaction carries the member's role ids: no extra call, no privileged intent.
        Set<String> roles = interaction.getMember() == null ? Set.of()
                : interaction.getMember().getRoles().stream().map(ISnowflake::getId).collect(Collectors.toSet());
        groups.remember(requester, roles);
        return requester;
    }
}
