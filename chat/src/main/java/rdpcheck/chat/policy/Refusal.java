package rdpcheck.chat.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * The gate's "no": do not run anything; answer privately (Slack ephemeral, Discord ephemeral) with
 * {@code message}. How many checks run at once is not the gate's business: {@code CheckService}
 * queues them ({@code limits.max_running_checks}).
 *
 * @param code       stable code, also in the audit log: {@code access.team|channel|user|guild|role},
 *                   {@code rate.user}, {@code rate.channel}, {@code target.invalid}, {@code target.denied}
 * @param message    one or two sentences for the user, already scrubbed of secrets; escape it for the platform
 * @param retryAfter for rate limits: when trying again makes sense
 */
record Refusal(String code, String message, Optional<Duration> retryAfter) {
}
