package rdpcheck.bot.discord;

import net.dv8tion.jda.api.interactions.Interaction;
import rdpcheck.bot.core.Requester;

/** Who asked, for policy, rate limits and the audit log. */
final class DiscordRequesters {

    private DiscordRequesters() {
    }

    static Requester of(Interaction interaction) {
        String guild = interaction.getGuild() == null ? "" : interaction.getGuild().getId();
        String channel = interaction.getChannelId() == null ? "" : interaction.getChannelId();
        return new Requester("discord", guild, channel, interaction.getUser().getId());
    }
}
