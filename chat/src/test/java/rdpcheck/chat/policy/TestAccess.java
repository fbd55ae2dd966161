package rdpcheck.chat.policy;

import java.util.List;
import java.util.Set;

/**
 * Requests and access rules for the chat module's tests. The real rules are the platform modules'
 * (chat-slack's and chat-discord's own tests cover them); these only give the gate something to obey.
 */
final class TestAccess {

    static final Platform SLACK = Platform.chat("slack");
    static final Platform DISCORD = Platform.chat("discord");

    private TestAccess() {
    }

    static ChatRequest slack(String team, String channel, String user, Set<String> groups, String target) {
        return new ChatRequest(SLACK, team, channel, user, groups, target);
    }

    static ChatRequest discord(String guild, String channel, String user, Set<String> roles, String target) {
        return new ChatRequest(DISCORD, guild, channel, user, roles, target);
    }

    /** Channel, then (user or group): each list that is not empty must be satisfied. */
    static AccessRule rule(List<String> channels, List<String> users, List<String> groups) {
        return (requester, held) -> {
            if (!AccessRule.permits(channels, requester.channel())) {
                return AccessDecision.refused("access.channel", "rdpcheck does not run checks in this channel.");
            }
            boolean anyWho = !users.isEmpty() || !groups.isEmpty();
            if (anyWho && !users.contains(requester.user()) && held.stream().noneMatch(groups::contains)) {
                return AccessDecision.refused("access.user", "You are not on the list of people who may run rdpcheck;"
                        + " ask for one of the roles allowed.");
            }
            return AccessDecision.ALLOWED;
        };
    }
}
