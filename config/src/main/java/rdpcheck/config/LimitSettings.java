package rdpcheck.config;

/**
 * Abuse limits: token buckets per user and per channel (a bucket holds {@code burst} tokens and
 * gains {@code perMinute} a minute), and a cap on checks running at once.
 */
public record LimitSettings(int maxRunningChecks, int userBurst, int userPerMinute, int channelBurst,
                            int channelPerMinute) {
}
