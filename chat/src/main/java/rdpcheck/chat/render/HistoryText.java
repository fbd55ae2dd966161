package rdpcheck.chat.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import rdpcheck.checks.Answer;
import rdpcheck.checks.PastCheck;
import rdpcheck.probes.Target;

/**
 * {@code history HOST} as plain text with {@code `code`} spans, the same in a terminal and in chat:
 * one line per check, newest first (time, how long ago, severity, root cause, who asked), the
 * verdict under it.
 */
public final class HistoryText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HistoryText() {
    }

    public static String render(Target target, List<PastCheck> checks, Instant now) {
        if (checks.isEmpty()) {
            return "No checks of `" + target.key() + "` are recorded (yet).";
        }
        StringBuilder out = new StringBuilder("Last " + (checks.size() == 1 ? "check" : checks.size() + " checks") + " of `"
                + target.key() + "`, newest first:");
        for (PastCheck check : checks) {
            out.append("\n`").append(TIME.format(check.checkedAt())).append(" UTC` (")
                    .append(Answer.describe(Duration.between(check.checkedAt(), now))).append(" ago) · ")
                    .append(check.problems() ? check.severity().name().toLowerCase(Locale.ROOT) : "ok")
                    .append(check.rootCause().filter(id -> !id.equals("healthy")).map(id -> " · `" + id + "`").orElse(""))
                    .append(" · asked by ").append(check.asker().describe())
                    .append("\n    ").append(check.verdict());
        }
        return out.toString();
    }
}
