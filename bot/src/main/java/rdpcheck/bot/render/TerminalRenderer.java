package rdpcheck.bot.render;

import java.util.Locale;
import java.util.Map;

import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.FixStep;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;

/** The report as terminal text: verdict, diagnoses with numbered fix steps, evidence, timings. */
public final class TerminalRenderer {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String GREEN = "\u001b[32m";
    private static final String DIM = "\u001b[2m";

    private final boolean color;

    public TerminalRenderer(boolean color) {
        this.color = color;
    }

    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(style(BOLD, clean(report.verdict()))).append('\n');
        for (Diagnosis diagnosis : report.diagnoses()) {
            out.append('\n').append(style(colour(diagnosis.severity()), "[" + diagnosis.severity().name().toLowerCase(Locale.ROOT) + "]"))
                    .append(' ').append(style(BOLD, clean(diagnosis.title()))).append("  ").append(style(DIM, diagnosis.id())).append('\n');
            if (!diagnosis.explanation().isBlank()) {
                out.append("  ").append(clean(diagnosis.explanation())).append('\n');
            }
            if (!diagnosis.explains().isEmpty()) {
                out.append("  Explains: ").append(clean(String.join("; ", diagnosis.explains()))).append('\n');
            }
            if (!diagnosis.evidence().isEmpty()) {
                out.append("  Evidence:\n");
                diagnosis.evidence().forEach(e -> out.append("    - ").append(clean(e)).append('\n'));
            }
            int n = 1;
            for (FixStep step : diagnosis.fix()) {
                out.append(n == 1 ? "  Fix:\n" : "");
                out.append("    ").append(n++).append(". [").append(clean(step.where())).append("] ").append(clean(step.action())).append('\n');
                if (!step.command().isBlank()) {
                    // No prompt sign: commands are PowerShell, cmd, registry or console paths, and
                    // "$" would read as part of a PowerShell variable. Indented as one copyable block.
                    for (String line : step.command().strip().split("\n")) {
                        out.append("         ").append(style(BOLD, clean(line))).append('\n');
                    }
                }
                if (!step.verify().isBlank()) {
                    out.append("       verify: ").append(clean(step.verify())).append('\n');
                }
            }
        }
        out.append('\n').append(style(DIM, "Probes:")).append('\n');
        for (Map.Entry<ProbeId, ProbeOutcome> entry : report.findings().outcomes().entrySet()) {
            out.append(style(DIM, String.format(Locale.ROOT, "  %-15s %-10s %8.1f ms%s%n", entry.getKey().label(),
                    entry.getValue().status(), entry.getValue().took().toNanos() / 1e6, (entry.getValue().why().isEmpty() ? "" : "  " + clean(entry.getValue().why())))));
        }
        out.append(style(DIM, String.format(Locale.ROOT, "  %-15s %-10s %8.1f ms%n", "total", "", report.elapsedMillis())));
        return out.toString();
    }

    private String style(String code, String text) {
        return color ? code + text + RESET : text;
    }

    private static String colour(Severity severity) {
        return switch (severity) {
            case CRITICAL -> RED;
            case WARNING -> YELLOW;
            case INFO -> DIM;
            case OK -> GREEN;
        };
    }

    /**
     * The one cleaning for terminal text: what a host or user supplied must not move the cursor,
     * recolour or retitle the terminal (ESC, CSI, OSC, BEL), cut a string short (NUL), start a line
     * of its own (CR, LF, U+2028/9) or reorder what is shown (bidi and other format characters).
     * Each becomes '?'; a caller that prints several lines of its own splits them first.
     */
    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            boolean invisible = Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029;
            out.appendCodePoint(control || invisible ? '?' : c);
        });
        return out.toString();
    }
}
