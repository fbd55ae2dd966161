package rdpcheck.chat.render;

import java.util.Locale;

import rdpcheck.chat.render.TerminalRenderer;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.checks.FleetResult;
import rdpcheck.checks.HostResult;

/**
 * A fleet result as terminal text: a one-line tally, the summary table (host, verdict, root
 * cause) grouped by root cause, then the per-host reports the {@link Details} level asks for.
 */
public final class FleetText {

    /** Which per-host reports follow the summary table. */
    public enum Details { ALL, PROBLEMS, NONE }

    static final int MAX_HOST_WIDTH = 40;
    static final int MAX_VERDICT_WIDTH = 72;

    private final boolean color;

    public FleetText(boolean color) {
        this.color = color;
    }

    public String render(FleetResult result, Details details) {
        StringBuilder out = new StringBuilder();
        out.append(summary(result));
        if (details == Details.NONE) {
            return out.toString();
        }
        TerminalRenderer renderer = new TerminalRenderer(color);
        for (FleetResult.Group group : result.groups()) {
            for (HostResult host : group.hosts()) {
                if (details == Details.PROBLEMS && !host.hasProblems()) {
                    continue;
                }
                out.append('\n').append("=== ").append(clean(host.target().key())).append(" ===\n");
                if (host instanceof HostResult.Checked checked) {
                    out.append(renderer.render(checked.report()));
                } else {
                    out.append(clean(host.verdict())).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The tally line and the table, without per-host reports. */
    public String summary(FleetResult result) {
        StringBuilder out = new StringBuilder();
        long problems = result.problemCount();
        out.append(String.format(Locale.ROOT, "%d host%s checked in %.1f s: %d with problems, %d without%n",
                result.hosts().size(), result.hosts().size() == 1 ? "" : "s", result.elapsed().toMillis() / 1000.0,
                problems, result.hosts().size() - problems));

        int hostWidth = "HOST".length();
        int causeWidth = "ROOT CAUSE".length();
        for (HostResult host : result.hosts()) {
            hostWidth = Math.max(hostWidth, Math.min(MAX_HOST_WIDTH, host.target().key().length()));
            causeWidth = Math.max(causeWidth, Math.min(MAX_HOST_WIDTH, host.rootCause().length()));
        }
        String format = "%-" + hostWidth + "s  %-" + causeWidth + "s  %-8s  %s%n";
        out.append('\n').append(String.format(Locale.ROOT, format, "HOST", "ROOT CAUSE", "SEVERITY", "VERDICT"));
        for (FleetResult.Group group : result.groups()) {
            out.append(String.format(Locale.ROOT, "-- %s (%s): %d host%s%n", clean(group.rootCause()),
                    severityWord(group.severity()), group.hosts().size(), group.hosts().size() == 1 ? "" : "s"));
            for (HostResult host : group.hosts()) {
                out.append(String.format(Locale.ROOT, format, fit(host.target().key(), MAX_HOST_WIDTH),
                        fit(host.rootCause(), MAX_HOST_WIDTH), severityWord(host.severity()),
                        fit(host.verdict(), MAX_VERDICT_WIDTH)));
            }
        }
        return out.toString();
    }

    static String severityWord(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    private static String fit(String text, int width) {
        String clean = clean(text).replace('\n', ' ');
        return clean.length() <= width ? clean : clean.substring(0, width - 3) + "...";
    }

    /** Host-supplied text must not move the cursor or recolour the terminal. */
    static String clean(String text) {
        return TerminalRenderer.clean(text);
    }
}
