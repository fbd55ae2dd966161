package rdpcheck.chat.policy;

import java.time.Duration;
import java.util.Optional;

import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;

/** The gate's answer to a request: run the check with these options, or tell the user why not. */
public sealed interface Admission {

    /**
     * Run the check of {@code target} with {@code options} (its address gate is the target policy;
     * use these options, not your own). Close the ticket when done, after {@link Ticket#finish}.
     */
    record Admitted(Target target, ProbeOptions options, Ticket ticket) implements Admission {
    }

    /**
     * Do not run anything; answer privately (Slack ephemeral, Discord ephemeral) with {@code message}.
     *
     * @param code       stable code, also in the audit log: {@code access.team|channel|user|guild|role},
     *                   {@code rate.user}, {@code rate.channel}, {@code busy}, {@code target.invalid},
     *                   {@code target.denied}
     * @param message    one or two sentences for the user, already scrubbed of secrets; escape it for the platform
     * @param retryAfter for rate limits and a busy bot: when trying again makes sense
     */
    record Refused(String code, String message, Optional<Duration> retryAfter) implements Admission {
    }
}
