package rdpcheck.chat.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log: who asked for what, where, what was decided and how it ended. A
 * check leaves two lines: {@code allowed} when it is admitted (so a request is on record even if
 * its check never ends), then {@code completed} with its {@link Outcome} when the answer was
 * delivered or the check failed; a refusal leaves one.
 *
 * @param time       when the request arrived
 * @param platform   slack, discord, console or cli
 * @param workspace  Slack team or Discord guild id ("" if none)
 * @param user       user id
 * @param channel    channel id ("" if none)
 * @param target     the target as typed (scrubbed of anything token-shaped)
 * @param decision   {@code allowed}, {@code refused} or {@code completed}
 * @param reason     for a refusal its code (e.g. {@code access.channel}, {@code rate.user}, {@code target.denied});
 *                   for an admission what happened to it (e.g. {@code check rdp01.corp:3389: queued}); for a
 *                   completion {@code ok} (a new run), {@code shared} (joined a run in progress), {@code cached},
 *                   {@code failed} or {@code abandoned}
 * @param diagnoses  diagnosis ids of a finished check, ranked: the root cause first
 * @param durationMillis time from the request to this line
 * @param outcome    on a {@code completed} line: severity, root cause, cache use, and why a check failed
 */
record AuditRecord(Instant time, String platform, String workspace, String user, String channel, String target,
                          String decision, String reason, List<String> diagnoses, long durationMillis,
                          Optional<Outcome> outcome) {

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        diagnoses = List.copyOf(diagnoses);
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A line without an outcome: a refusal or an admission. */
    public AuditRecord(Instant time, String platform, String workspace, String user, String channel, String target,
                       String decision, String reason, List<String> diagnoses, long durationMillis) {
        this(time, platform, workspace, user, channel, target, decision, reason, diagnoses, durationMillis,
                Optional.empty());
    }

    /**
     * How a check ended.
     *
     * @param severity  the report's worst severity ({@code critical}, {@code warning}, {@code info}, {@code ok});
     *                  empty when the check failed and there is no report
     * @param rootCause the first-ranked diagnosis id; empty when there is none
     * @param cached    the answer came from the cache, not from probing the host now
     * @param failure   what the requester was told when the check failed; empty otherwise
     */
    public record Outcome(Optional<String> severity, Optional<String> rootCause, boolean cached,
                          Optional<String> failure) {

        public Outcome {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(rootCause, "rootCause");
            Objects.requireNonNull(failure, "failure");
        }
    }
}
