package rdpcheck.chat.slack;

import java.util.List;

import rdpcheck.chat.Requester;
import rdpcheck.chat.policy.AccessDecision;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.config.Key;
import rdpcheck.config.SectionValues;
import rdpcheck.config.ValueType;

/**
 * Who may run checks from Slack ({@code access.slack.*}): team, channel, and (user or user group);
 * every list that is not empty must be satisfied, an empty one does not restrict.
 */
record SlackAccess(List<String> teams, List<String> channels, List<String> users, List<String> userGroups,
                   List<String> watchers) implements AccessRule {

    static final Key TEAMS = Key.of("access.slack.teams", ValueType.ids(), "[]", "Slack workspaces (team ids) allowed; empty: any");
    static final Key CHANNELS = Key.of("access.slack.channels", ValueType.ids(), "[]", "Slack channels allowed; empty: any");
    static final Key USERS = Key.of("access.slack.users", ValueType.ids(), "[]",
            "Slack users allowed; with user_groups: a user in either may run checks; both empty: anyone");
    static final Key USER_GROUPS = Key.of("access.slack.user_groups", ValueType.ids(), "[]", "Slack user groups (S…) allowed");

    static final Key WATCHERS = Key.of("access.slack.watchers", ValueType.ids(), "[]",
            "Slack users or user groups (S…) who may add and remove watches (/rdpcheck watch, unwatch); empty: whoever may run checks");

    static final List<Key> KEYS = List.of(TEAMS, CHANNELS, USERS, USER_GROUPS, WATCHERS);

    SlackAccess(List<String> teams, List<String> channels, List<String> users, List<String> userGroups) {
        this(teams, channels, users, userGroups, List.of());
    }

    SlackAccess {
        teams = List.copyOf(teams);
        channels = List.copyOf(channels);
        users = List.copyOf(users);
        userGroups = List.copyOf(userGroups);
        watchers = List.copyOf(watchers);
    }

    static SlackAccess from(SectionValues values) {
        return new SlackAccess(values.strings(TEAMS), values.strings(CHANNELS), values.strings(USERS),
                values.strings(USER_GROUPS), values.strings(WATCHERS));
    }

    @Override
    public AccessDecision decide(Requester requester, java.util.Set<String> groups) {
        if (!AccessRule.permits(teams, requester.workspace())) {
            return AccessDecision.refused("access.team", "rdpcheck is not enabled for this Slack workspace.");
        }
        if (!AccessRule.permits(channels, requester.channel())) {
            return AccessDecision.refused("access.channel",
                    "rdpcheck does not run checks in this channel; ask in a channel where it is enabled.");
        }
        boolean anyWho = !users.isEmpty() || !userGroups.isEmpty();
        boolean user = users.contains(requester.user());
        boolean group = groups.stream().anyMatch(userGroups::contains);
        if (anyWho && !user && !group) {
            return AccessDecision.refused("access.user",
                    "You are not on the list of people who may run rdpcheck; ask an admin to add you or your user group.");
        }
        return AccessDecision.ALLOWED;
    }

    @Override
    public AccessDecision decideWatch(Requester requester, java.util.Set<String> groups) {
        if (watchers.isEmpty() || watchers.contains(requester.user()) || groups.stream().anyMatch(watchers::contains)) {
            return AccessDecision.ALLOWED;
        }
        return AccessDecision.refused("access.watch",
                "You may run checks but not add or remove watches; ask an admin to add you to access.slack.watchers.");
    }
}
