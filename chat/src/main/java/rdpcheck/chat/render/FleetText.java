package rdpcheck.chat.render;

import java.util.Locale;
import java.util.stream.Collectors;

import rdpcheck.chat.render.TerminalRenderer;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.checks.FleetResult;
import rdpcheck.checks.HostResult;

/**
 * A fleet result as terminal text: a one-line tally, the summary table (host, root cause,
 * severity, verdict) grouped by root cause and sized to the terminal, then one block per root
 * cause — its hosts and the fix steps once — as the {@link Details} level asks. Twenty-five
 * refused ports are one block naming 25 hosts, not 25 copies of the same report.
 */
public final class FleetText {

    /** Which root-cause blocks follow the summary table. */
    public enum Details { ALL, PROBLEMS, NONE }

    static final int MAX_HOST_WIDTH = 40;
    /** The verdict column gets at least this much, however narrow the terminal. */
    static final int MIN_VERDICT_WIDTH = 30;

    private final TerminalRenderer renderer;

    public FleetText(boolean color) {
        this(new TerminalRenderer(color));
    }

    public FleetText(TerminalRenderer renderer) {
        this.renderer = renderer;
    }

    public String render(FleetResult result, Details details) {
        StringBuilder out = new StringBuilder();
        out.append(summary(result));
        if (details == Details.NONE) {
            return out.toString();
        }
        for (FleetResult.Group group : result.groups()) {
            if (details == Details.PROBLEMS && !group.hasProblems()) {
                continue;
            }
            int count = group.hosts().size();
            out.append('\n').append(String.format(Locale.ROOT, "== %s (%s): %d host%s ==%n", clean(group.rootCause()),
                    severityWord(group.severity()), count, count == 1 ? "" : "s"));
            if (count > 1) {
                out.append(renderer.wrapped("hosts: " + group.hosts().stream().map(h -> clean(h.target().key()))
                        .collect(Collectors.joining(", ")), "", "  "));
            }
            HostResult first = group.hosts().get(0);
            if (first instanceof HostResult.Checked checked) {
                out.append(renderer.rootCause(checked.report()));
                if (count > 1) {
                    out.append(renderer.wrapped("(the steps name " + clean(first.target().key())
                            + "; for the other hosts use their own name and port)", "", ""));
                }
            } else {
                group.hosts().forEach(h -> out.append(renderer.wrapped(clean(h.target().key()) + ": " + clean(h.verdict()), "", "  ")));
            }
        }
        return out.toString();
    }

    /** The tally line and the table, without the root-cause blocks. */
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
        int verdictWidth = Math.max(MIN_VERDICT_WIDTH, renderer.width() - hostWidth - causeWidth - 8 - 6);
        String format = "%-" + hostWidth + "s  %-" + causeWidth + "s  %-8s  %s%n";
        out.append('\n').append(String.format(Locale.ROOT, format, "HOST", "ROOT CAUSE", "SEVERITY", "VERDICT"));
        for (FleetResult.Group group : result.groups()) {
            out.append(String.format(Locale.ROOT, "-- %s (%s): %d host%s%n", clean(group.rootCause()),
                    severityWord(group.severity()), group.hosts().size(), group.hosts().size() == 1 ? "" : "s"));
            for (HostResult host : group.hosts()) {
                out.append(String.format(Locale.ROOT, format, fit(host.target().key(), MAX_HOST_WIDTH),
                        fit(host.rootCause(), MAX_HOST_WIDTH), severityWord(host.severity()),
                        fit(host.verdict(), verdictWidth)));
            }
        }
        return out.toString();
    }

    static String severityWord(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    /** At most {@code width} columns, cut at a word with an ellipsis. */
    private static String fit(String text, int width) {
        String clean = clean(text).replace('\n', ' ');
        if (clean.length() <= width) {
            return clean;
        }
        int cut = clean.lastIndexOf(' ', width - 1);
        return clean.substring(0, cut > width / 2 ? cut : width - 1) + "…";
    }

    /** Host-supplied text must not move the cursor or recolour the terminal. */
    static String clean(String text) {
        return TerminalRenderer.clean(text);
    }
}
