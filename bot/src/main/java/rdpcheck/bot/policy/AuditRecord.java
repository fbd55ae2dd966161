package rdpcheck.bot.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the audit log: who asked for what, where, what was decided and how it ended.
 *
 * @param time       when the request arrived
 * @param platform   slack, discord, console or cli
 * @param workspace  Slack team or Discord guild id ("" if none)
 * @param user       user id
 * @param channel    channel id ("" if none)
 * @param target     the target as typed (scrubbed of anything token-shaped)
 * @param decision   {@code allowed} (written when the check ends) or {@code refused}
 * @param reason     for a refusal its code (e.g. {@code access.channel}, {@code rate.user}, {@code target.denied});
 *                   for an allowed check {@code ok}, {@code cached} or {@code abandoned}
 * @param diagnoses  diagnosis ids of a finished check
 * @param durationMillis time from the request to this line
 */
public record AuditRecord(Instant time, String platform, String workspace, String user, String channel, String target,
                          String decision, String reason, List<String> diagnoses, long durationMillis) {

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        diagnoses = List.copyOf(diagnoses);
    }
}
