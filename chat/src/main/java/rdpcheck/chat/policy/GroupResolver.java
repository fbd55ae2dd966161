package rdpcheck.chat.policy;

import java.util.Set;

import rdpcheck.chat.Requester;

/**
 * The Slack user groups or Discord roles a requester holds, for the access policy. The bot core's
 * {@link Requester} does not carry them, so the adapter supplies them: Discord has the member's
 * roles in the interaction; Slack needs {@code usergroups.users.list} (cache it).
 */
@FunctionalInterface
public interface GroupResolver {

    GroupResolver NONE = requester -> Set.of();

    Set<String> groupsOf(Requester requester);
}
