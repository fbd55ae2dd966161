package rdpcheck.chat.policy;

import java.util.List;

import rdpcheck.config.AccessSettings;

/**
 * Who may run checks. Every list that is not empty must be satisfied: Slack team, channel, and
 * (user or user group); Discord guild, channel and role. Local requests (terminal, console) are
 * not judged here. An empty configuration lets everyone in the workspace run checks.
 */
final class AccessPolicy {

    private final AccessSettings settings;

    public AccessPolicy(AccessSettings settings) {
        this.settings = settings;
    }

    public AccessDecision decide(ChatRequest request) {
        if (request.platform() == Platform.SLACK) {
            return slack(request, settings.slack());
        }
        if (request.platform() == Platform.DISCORD) {
            return discord(request, settings.discord());
        }
        return AccessDecision.ALLOWED;
    }

    private static AccessDecision slack(ChatRequest request, AccessSettings.Slack rules) {
        if (!permits(rules.teams(), request.workspace())) {
            return AccessDecision.refused("access.team", "rdpcheck is not enabled for this Slack workspace.");
        }
        if (!permits(rules.channels(), request.channel())) {
            return AccessDecision.refused("access.channel",
                    "rdpcheck does not run checks in this channel; ask in a channel where it is enabled.");
        }
        boolean anyWho = !rules.users().isEmpty() || !rules.userGroups().isEmpty();
        boolean user = rules.users().contains(request.user());
        boolean group = request.groups().stream().anyMatch(rules.userGroups()::contains);
        if (anyWho && !user && !group) {
            return AccessDecision.refused("access.user",
                    "You are not on the list of people who may run rdpcheck; ask an admin to add you or your user group.");
        }
        return AccessDecision.ALLOWED;
    }

    private static AccessDecision discord(ChatRequest request, AccessSettings.Discord rules) {
        if (!rules.guilds().isEmpty() && request.workspace().isEmpty()) {
            return AccessDecision.refused("access.guild", "rdpcheck runs checks in its servers only, not in direct messages.");
        }
        if (!permits(rules.guilds(), request.workspace())) {
            return AccessDecision.refused("access.guild", "rdpcheck is not enabled for this Discord server.");
        }
        if (!permits(rules.channels(), request.channel())) {
            return AccessDecision.refused("access.channel",
                    "rdpcheck does not run checks in this channel; ask in a channel where it is enabled.");
        }
        if (!rules.roles().isEmpty() && request.groups().stream().noneMatch(rules.roles()::contains)) {
            return AccessDecision.refused("access.role",
                    "You need one of the roles allowed to run rdpcheck; ask a server admin.");
        }
        return AccessDecision.ALLOWED;
    }

    private static boolean permits(List<String> allowed, String id) {
        return allowed.isEmpty() || allowed.contains(id);
    }
}
