package rdpcheck.chat;

import java.util.Objects;

/**
 * Who asked, where: what access policy, rate limits and the audit log key on.
 *
 * @param platform  {@code slack}, {@code discord}, {@code console}
 * @param workspace Slack team id, Discord guild id; {@code ""} where there is none
 * @param channel   channel id
 * @param user      user id on that platform
 */
public record Requester(String platform, String workspace, String channel, String user) {

    public Requester {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(user, "user");
    }

    public static Requester console() {
        return new Requester("console", "", "console", System.getProperty("user.name", "console"));
    }
}
