package rdpcheck.config;

/**
 * Abuse limits: token buckets per user and per channel (a bucket holds {@code burst} tokens and
 * gains {@code perMinute} a minute), a cap on checks running at once, and on the hosts one chat
 * command may name.
 */
public record LimitSettings(int maxRunningChecks, int userBurst, int userPerMinute, int channelBurst,
                            int channelPerMinute, int maxHostsPerCommand) {

    public static final int DEFAULT_MAX_HOSTS_PER_COMMAND = 10;

    public LimitSettings(int maxRunningChecks, int userBurst, int userPerMinute, int channelBurst, int channelPerMinute) {
        this(maxRunningChecks, userBurst, userPerMinute, channelBurst, channelPerMinute, DEFAULT_MAX_HOSTS_PER_COMMAND);
    }
}
