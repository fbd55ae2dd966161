package rdpcheck.chat.discord;

import java.util.Set;

import rdpcheck.chat.ChatPlatform;
import rdpcheck.chat.Platform;
import rdpcheck.chat.Requester;
import rdpcheck.chat.policy.AccessDecision;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.chat.policy.RecentGroups;
import rdpcheck.config.AccessSettings;
import rdpcheck.config.Settings;

/** Discord as {@code serve} finds it (META-INF/services): configured by its bot token. */
public final class DiscordPlatform implements ChatPlatform {

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public boolean configured(Settings settings) {
        return settings.discord().token().isPresent();
    }

    @Override
    public String howToConfigure() {
        return "RDPCHECK_DISCORD_TOKEN for Discord";
    }

    @Override
    public AccessRule access(Settings settings) {
        AccessSettings.Discord rules = settings.access().discord();
        return (requester, groups) -> decide(rules, requester, groups);
    }

    @Override
    public Platform create(Settings settings, Services services) {
        // the member's roles come with each interaction: the handlers remember them for the access rule
        RecentGroups roles = new RecentGroups();
        return new DiscordBot(DiscordSettings.from(settings.discord()).orElseThrow(), services.router(roles), roles)
                .connectWith(services.backoff(), services.onRefused());
    }

    /** Guild (no direct messages when guilds are listed), channel and role: every list that is not empty must be satisfied. */
    static AccessDecision decide(AccessSettings.Discord rules, Requester requester, Set<String> roles) {
        if (!rules.guilds().isEmpty() && requester.workspace().isEmpty()) {
            return AccessDecision.refused("access.guild", "rdpcheck runs checks in its servers only, not in direct messages.");
        }
        if (!AccessRule.permits(rules.guilds(), requester.workspace())) {
            return AccessDecision.refused("access.guild", "rdpcheck is not enabled for this Discord server.");
        }
        if (!AccessRule.permits(rules.channels(), requester.channel())) {
            return AccessDecision.refused("access.channel",
                    "rdpcheck does not run checks in this channel; ask in a channel where it is enabled.");
        }
        if (!rules.roles().isEmpty() && roles.stream().noneMatch(rules.roles()::contains)) {
            return AccessDecision.refused("access.role",
                    "You need one of the roles allowed to run rdpcheck; ask a server admin.");
        }
        return AccessDecision.ALLOWED;
    }
}
