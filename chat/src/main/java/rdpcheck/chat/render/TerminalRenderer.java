package rdpcheck.chat.render;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.FixStep;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Facts;
import rdpcheck.probes.report.ProbeStatus;
import rdpcheck.probes.report.Report;

/**
 * The report as terminal text. By default short: the verdict, the host's facts, the root cause
 * with its fix steps, and every other diagnosis in one line. {@code verbose} adds the
 * explanations, the evidence (each line once) and the probe table. Prose is wrapped at word
 * boundaries to the terminal's width; commands never are, so a pasted command stays one command.
 */
public final class TerminalRenderer {

    /** Width when nothing says otherwise (not a terminal, no COLUMNS). */
    public static final int DEFAULT_WIDTH = 100;
    static final int MIN_WIDTH = 40;

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String GREEN = "\u001b[32m";
    private static final String BLUE = "\u001b[34m";
    private static final String DIM = "\u001b[2m";
    private static final int LABEL_WIDTH = 8;
    /** Steps of the root cause shown by default; the rest are one --verbose away. */
    public static final int SHORT_STEPS = 4;

    private final boolean color;
    private final int width;
    private final boolean verbose;

    public TerminalRenderer(boolean color) {
        this(color, DEFAULT_WIDTH, false);
    }

    public TerminalRenderer(boolean color, int width, boolean verbose) {
        this.color = color;
        this.width = Math.max(MIN_WIDTH, width);
        this.verbose = verbose;
    }

    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        wrap(out, style(BOLD + colour(report.headline()), clean(report.verdict())), "", "");
        return out.append(body(report)).toString();
    }

    /** Everything after the verdict: the facts, the root cause, the others (the console says the verdict itself). */
    public String body(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(facts(report));
        if (!report.clientsSummary().isEmpty()) {
            // who can connect: one word per client group, from the playbooks' client-impact model
            wrap(out, "Clients: " + report.clientsSummary(), "", "         ");
        }
        List<Diagnosis> diagnoses = report.diagnoses();
        Set<String> evidenceShown = new HashSet<>();
        if (!diagnoses.isEmpty()) {
            out.append('\n');
            diagnosis(out, diagnoses.get(0), true, evidenceShown);
        }
        if (diagnoses.size() > 1) {
            out.append('\n');
            if (verbose) {
                for (Diagnosis other : diagnoses.subList(1, diagnoses.size())) {
                    diagnosis(out, other, false, evidenceShown);
                    out.append('\n');
                }
            } else {
                out.append("Also found:\n");
                for (Diagnosis other : diagnoses.subList(1, diagnoses.size())) {
                    oneLine(out, other);
                }
            }
        }
        if (verbose) {
            probes(out, report);
        } else {
            out.append('\n').append(style(DIM, "Evidence, explanations and probe timings: rdpcheck check "
                    + clean(report.target().commandLine()) + " --verbose")).append('\n');
        }
        return out.toString();
    }

    public int width() {
        return width;
    }

    /** The root cause alone (heading, what it explains, fix steps): a fleet's block for a group of hosts. */
    public String rootCause(Report report) {
        StringBuilder out = new StringBuilder();
        if (!report.diagnoses().isEmpty()) {
            diagnosis(out, report.diagnoses().get(0), true, new HashSet<>());
        }
        return out.toString();
    }

    /** {@code text} wrapped to the width, after {@code first} and then {@code rest}. */
    public String wrapped(String text, String first, String rest) {
        StringBuilder out = new StringBuilder();
        wrap(out, text, first, rest);
        return out.toString();
    }

    /** The facts block: one labelled line each, continuation lines under the value. */
    public String facts(Report report) {
        List<Facts.Fact> facts = report.facts();
        if (facts.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n");
        String hang = " ".repeat(LABEL_WIDTH + 3);
        for (Facts.Fact fact : facts) {
            String label = String.format(Locale.ROOT, "  %-" + LABEL_WIDTH + "s ", fact.label());
            wrap(out, clean(fact.value()), style(DIM, label), hang, label.length());
        }
        return out.toString();
    }

    private void diagnosis(StringBuilder out, Diagnosis diagnosis, boolean root, Set<String> evidenceShown) {
        heading(out, diagnosis);
        if (verbose && !diagnosis.explanation().isBlank()) {
            wrap(out, clean(diagnosis.explanation()), "  ", "  ");
        }
        if (!diagnosis.explains().isEmpty()) {
            List<String> explains = verbose ? diagnosis.explains() : diagnosis.explains().subList(0, 1);
            wrap(out, "Explains: " + clean(String.join("; ", explains)), "  ", "    ");
        }
        if (verbose && !diagnosis.evidence().isEmpty()) {
            int repeated = 0;
            StringBuilder lines = new StringBuilder();
            for (String evidence : diagnosis.evidence()) {
                if (evidenceShown.add(evidence)) {
                    wrap(lines, clean(evidence), "    - ", "      ");
                } else {
                    repeated++;
                }
            }
            out.append("  Evidence:");
            out.append(repeated == 0 ? "" : " " + repeated + (repeated == 1 ? " line" : " lines") + " shown above").append('\n');
            out.append(lines);
        }
        if (verbose) {
            steps(out, diagnosis.fix());
        } else if (root) {
            steps(out, diagnosis.fix().subList(0, Math.min(SHORT_STEPS, diagnosis.fix().size())));
            int more = diagnosis.fix().size() - SHORT_STEPS;
            if (more > 0) {
                out.append("  ").append(more).append(more == 1 ? " more step" : " more steps").append(" with --verbose\n");
            }
        }
    }

    private void heading(StringBuilder out, Diagnosis diagnosis) {
        String tag = "[" + diagnosis.severity().name().toLowerCase(Locale.ROOT) + "]";
        wrap(out, style(colour(diagnosis.severity()), tag) + " " + style(BOLD, clean(diagnosis.title())) + "  "
                + style(DIM, diagnosis.id()), "", "  ", 0);
    }

    private void oneLine(StringBuilder out, Diagnosis diagnosis) {
        String tag = "[" + diagnosis.severity().name().toLowerCase(Locale.ROOT) + "]";
        wrap(out, style(colour(diagnosis.severity()), tag) + " " + clean(diagnosis.title()) + "  " + style(DIM, diagnosis.id()),
                "  ", "    ", 2);
    }

    private void steps(StringBuilder out, List<FixStep> steps) {
        int n = 1;
        for (FixStep step : steps) {
            if (n == 1) {
                out.append("  Fix:\n");
            }
            String number = String.format(Locale.ROOT, "  %d. ", n++);
            String marks = "[" + clean(step.marks()) + "] ";
            wrap(out, style(DIM, marks) + clean(step.action()), number, " ".repeat(number.length()),
                    number.length());
            String indent = " ".repeat(number.length() + 2);
            switch (step.kind()) {
                // Commands are printed as they are, one line each, never wrapped: a line break
                // added here would split a command when pasted. The shell is named above them.
                case COMMAND -> {
                    out.append(indent).append(style(DIM, step.shell().label() + ":")).append('\n');
                    for (String line : step.command().strip().split("\n")) {
                        out.append(indent).append("  ").append(style(BOLD, clean(line))).append('\n');
                    }
                }
                case NAVIGATION -> wrap(out, "Open: " + clean(step.pathText()), indent, indent + "  ", indent.length());
                case NOTE -> {
                }
            }
            if (!step.verify().isBlank()) {
                wrap(out, "verify: " + clean(step.verify()), indent, indent + "  ", indent.length());
            }
        }
    }

    private void probes(StringBuilder out, Report report) {
        out.append(style(DIM, "Probes:")).append('\n');
        Map<String, String> firstWithReason = new java.util.HashMap<>();
        for (Map.Entry<ProbeId<?>, ProbeOutcome> entry : report.findings().outcomes().entrySet()) {
            String label = entry.getKey().label();
            ProbeOutcome outcome = entry.getValue();
            String why = outcome.why();
            String reason = why.isEmpty() ? "" : firstWithReason.containsKey(why) ? "(as " + firstWithReason.get(why) + ")" : why;
            firstWithReason.putIfAbsent(why, label);
            String row = String.format(Locale.ROOT, "  %-14s %-18s %8.1f ms  ", label, ProbeStatus.of(outcome),
                    outcome.took().toNanos() / 1e6);
            wrap(out, style(DIM, clean(reason)), style(DIM, row), " ".repeat(row.length()), row.length());
        }
        out.append(style(DIM, String.format(Locale.ROOT, "  %-14s %-18s %8.1f ms", "total", "", report.elapsedMillis()))).append('\n');
    }

    private void wrap(StringBuilder out, String text, String first, String rest) {
        wrap(out, text, first, rest, visible(first));
    }

    /**
     * Appends {@code text} wrapped at word boundaries to {@link #width}: the first line after
     * {@code first} (whose visible width is {@code firstWidth}), later lines after {@code rest}. A
     * word longer than a line (a thumbprint, a URL) is not split.
     */
    private void wrap(StringBuilder out, String text, String first, String rest, int firstWidth) {
        for (String paragraph : text.split("\n", -1)) {
            String prefix = first;
            int used = firstWidth;
            int column = used;
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                int length = visible(word);
                if (line.length() > 0 && column + 1 + length > width) {
                    out.append(prefix).append(line).append('\n');
                    prefix = rest;
                    used = visible(rest);
                    column = used;
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                    column++;
                }
                line.append(word);
                column += length;
            }
            out.append(prefix).append(line).append('\n');
            first = rest;
            firstWidth = visible(rest);
        }
    }

    /** Columns a string takes: without the colour codes this class adds. */
    static int visible(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }

    private String style(String code, String text) {
        return color && !text.isEmpty() ? code + text + RESET : text;
    }

    private static String colour(Severity severity) {
        return switch (severity) {
            case CRITICAL -> RED;
            case WARNING -> YELLOW;
            case INFO -> BLUE;
            case OK -> GREEN;
        };
    }

    /**
     * The one cleaning for terminal text: what a host or user supplied must not move the cursor,
     * recolour or retitle the terminal (ESC, CSI, OSC, BEL), cut a string short (NUL), reorder what
     * is shown (bidi and other format characters) or start a line of its own: a line feed becomes a
     * space, every other such character '?'. A caller printing several lines of its own splits them first.
     */
    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            boolean invisible = Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029;
            out.appendCodePoint(c == '\n' ? ' ' : control || invisible ? '?' : c);
        });
        return out.toString();
    }
}
