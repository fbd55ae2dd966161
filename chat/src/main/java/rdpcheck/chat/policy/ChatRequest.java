package rdpcheck.chat.policy;

import java.util.Objects;
import java.util.Set;

/**
 * One request to check a target, as the adapters see it, in platform ids (never display names).
 *
 * @param platform   where it came from
 * @param workspace  Slack team id or Discord guild id; empty for a Discord DM or a local request
 * @param channel    channel id; empty for a local request
 * @param user       user id
 * @param groups     Slack user-group ids or Discord role ids the user holds (the adapter looks them up)
 * @param targetText what the user typed as the target, e.g. {@code rdp01.corp:3389}
 */
record ChatRequest(Platform platform, String workspace, String channel, String user, Set<String> groups,
                          String targetText) {

    public ChatRequest {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(user, "user");
        groups = Set.copyOf(groups);
        Objects.requireNonNull(targetText, "targetText");
    }

    public static ChatRequest local(Platform platform, String user, String target) {
        return new ChatRequest(platform, "", "", user, Set.of(), target);
    }
}
