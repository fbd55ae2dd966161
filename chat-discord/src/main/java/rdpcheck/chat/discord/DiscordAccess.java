package rdpcheck.chat.discord;

import java.util.List;
import java.util.Set;

import rdpcheck.chat.Requester;
import rdpcheck.chat.policy.AccessDecision;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.config.Key;
import rdpcheck.config.SectionValues;
import rdpcheck.config.ValueType;

/**
 * Who may run checks from Discord ({@code access.discord.*}): guild (no direct messages when guilds
 * are listed), channel and role; every list that is not empty must be satisfied.
 */
record DiscordAccess(List<String> guilds, List<String> channels, List<String> roles, List<String> watchRoles)
        implements AccessRule {

    static final Key GUILDS = Key.of("access.discord.guilds", ValueType.ids(), "[]", "Discord servers allowed; empty: any");
    static final Key CHANNELS = Key.of("access.discord.channels", ValueType.ids(), "[]", "Discord channels allowed; empty: any");
    static final Key ROLES = Key.of("access.discord.roles", ValueType.ids(), "[]",
            "Discord roles allowed (a member needs one); empty: anyone");

    static final Key WATCH_ROLES = Key.of("access.discord.watch_roles", ValueType.ids(), "[]",
            "Discord roles whose members may add and remove watches (/rdpcheck watch, unwatch); empty: whoever may run checks");

    static final List<Key> KEYS = List.of(GUILDS, CHANNELS, ROLES, WATCH_ROLES);

    DiscordAccess(List<String> guilds, List<String> channels, List<String> roles) {
        this(guilds, channels, roles, List.of());
    }

    DiscordAccess {
        guilds = List.copyOf(guilds);
        channels = List.copyOf(channels);
        roles = List.copyOf(roles);
        watchRoles = List.copyOf(watchRoles);
    }

    static DiscordAccess from(SectionValues values) {
        return new DiscordAccess(values.strings(GUILDS), values.strings(CHANNELS), values.strings(ROLES), values.strings(WATCH_ROLES));
    }

    @Override
    public AccessDecision decide(Requester requester, Set<String> held) {
        if (!guilds.isEmpty() && requester.workspace().isEmpty()) {
            return AccessDecision.refused("access.guild", "rdpcheck runs checks in its servers only, not in direct messages.");
        }
        if (!AccessRule.permits(guilds, requester.workspace())) {
            return AccessDecision.refused("access.guild", "rdpcheck is not enabled for this Discord server.");
        }
        if (!AccessRule.permits(channels, requester.channel())) {
            return AccessDecision.refused("access.channel",
                    "rdpcheck does not run checks in this channel; ask in a channel where it is enabled.");
        }
        if (!roles.isEmpty() && held.stream().noneMatch(roles::contains)) {
            return AccessDecision.refused("access.role",
                    "You need one of the roles allowed to run rdpcheck; ask a server admin.");
        }
        return AccessDecision.ALLOWED;
    }

    @Override
    public AccessDecision decideWatch(Requester requester, Set<String> held) {
        if (watchRoles.isEmpty() || held.stream().anyMatch(watchRoles::contains)) {
            return AccessDecision.ALLOWED;
        }
        return AccessDecision.refused("access.watch",
                "You may run checks but not add or remove watches; that needs one of the roles in access.discord.watch_roles.");
    }
}
