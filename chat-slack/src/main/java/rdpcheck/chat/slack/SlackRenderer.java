package rdpcheck.chat.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;

import rdpcheck.checks.Answer;
import rdpcheck.chat.FleetAnswer;
import rdpcheck.checks.FleetResult;
import rdpcheck.checks.HostResult;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.FixStep;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.ProbeStatus;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/**
 * The report as Slack Block Kit messages: a one-line verdict for the channel, then the
 * diagnoses with numbered fix steps and evidence, and the timings, as replies in its thread.
 *
 * <p>Slack's limits are kept here, not hoped for: at most {@value #MAX_BLOCKS} blocks per
 * message, at most {@value #MAX_SECTION_TEXT} characters per section text, and at most
 * {@value #MAX_MESSAGE_TEXT} characters of block text per message; longer content goes into
 * more sections and more messages. Everything a user or host supplied is escaped ({@code &},
 * {@code <}, {@code >}), which also keeps {@code <!channel>} and {@code <@U...>} from pinging anyone;
 * texts are {@code verbatim} so Slack does not turn names into links.
 */
public final class SlackRenderer {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3_000;
    /** Slack refuses messages that are too long (msg_too_long) well before 50 full sections. */
    public static final int MAX_MESSAGE_TEXT = 12_000;
    /** Notification text: Slack truncates at 40,000; a verdict never needs more than this. */
    public static final int MAX_FALLBACK_TEXT = 3_000;

    public static final String ACTION_RERUN = "rdpcheck_rerun";
    public static final String ACTION_RAW = "rdpcheck_raw";

    private static final String FENCE = "```";

    /** The channel message: verdict, the host's facts, how fresh it is, and the buttons. */
    public SlackMessage verdict(Answer answer) {
        return verdict(answer, Optional.empty());
    }

    /**
     * The channel message, saying who asked: others never see a slash command, so without it the
     * verdict appears from nowhere. {@code askedBy} is a display name shown as text
     * ({@code @name asked:}), never a {@code <@U…>} mention, so nobody is pinged.
     */
    public SlackMessage verdict(Answer answer, Optional<String> askedBy) {
        return verdict(answer, askedBy, "fix steps in the thread");
    }

    /**
     * A watch's alert as the channel message: the events first (what a notification previews), then
     * the verdict, the host's facts and changes, and the buttons, as an answer's message has them.
     */
    public SlackMessage alert(rdpcheck.checks.watch.Alert alert) {
        SlackMessage verdict = verdict(alert.answer(), Optional.empty(), "fix steps in the thread");
        StringBuilder events = new StringBuilder(":rotating_light: *Watch alert* for `")
                .append(escape(alert.watch().target().key())).append("` (every ")
                .append(rdpcheck.checks.watch.Watch.words(alert.watch().every())).append(")");
        alert.lines().forEach(line -> events.append("\n• ").append(escape(line)));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(clip(events.toString(), MAX_SECTION_TEXT)));
        blocks.addAll(verdict.blocks());
        return new SlackMessage(clip(escape(alert.headline().replace("`", "")), MAX_FALLBACK_TEXT), blocks);
    }

    /** One host of several, in the summary's thread: its verdict and buttons; its diagnosis follows. */
    public SlackMessage fleetHost(Answer answer) {
        return verdict(answer, Optional.empty(), "its diagnosis follows");
    }

    private SlackMessage verdict(Answer answer, Optional<String> askedBy, String whereDetailsAre) {
        Report report = answer.report();
        String verdict = escape(report.verdict());
        String asked = askedBy.filter(name -> !name.isBlank()).map(name -> "@" + escape(name) + " asked: ").orElse("");
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(clip(emoji(report.headline()) + " " + asked + "*" + verdict + "*", MAX_SECTION_TEXT)));
        StringBuilder facts = new StringBuilder();
        report.facts().forEach(f -> facts.append(facts.length() == 0 ? "" : "\n").append("*").append(f.label())
                .append("*  ").append(escape(f.value())));
        if (!report.clientsSummary().isEmpty()) {
            facts.append(facts.length() == 0 ? "" : "\n").append("*clients*  ").append(escape(report.clientsSummary()));
        }
        if (facts.length() > 0) {
            blocks.add(section(clip(facts.toString(), MAX_SECTION_TEXT)));
        }
        if (!report.changes().isEmpty()) {
            StringBuilder changes = new StringBuilder("*")
                    .append(escape(report.changes().heading(report.hasProblems(), report.checkedAt()))).append("*");
            report.changes().lines().forEach(line -> changes.append("\n• ").append(escape(line)));
            blocks.add(section(clip(changes.toString(), MAX_SECTION_TEXT)));
        }
        StringBuilder context = new StringBuilder("`" + escape(report.target().key()) + "` · checked in "
                + String.format(Locale.ROOT, "%.0f ms", report.elapsedMillis()));
        if (!answer.ageNote().isEmpty()) {
            context.append(" · ").append(escape(answer.ageNote()));
        }
        context.append(" · ").append(whereDetailsAre);
        blocks.add(context(context.toString()));
        List<BlockElement> buttons = List.of(
                button(ACTION_RERUN, "Re-run (fresh)", report.target().key()),
                button(ACTION_RAW, "Show raw findings", report.target().key()));
        blocks.add(ActionsBlock.builder().blockId("rdpcheck_actions").elements(buttons).build());
        // the notification text: who asked and the verdict, so a phone's preview reads on its own
        return new SlackMessage(clip(asked + verdict, MAX_FALLBACK_TEXT), blocks);
    }

    /**
     * The thread: the root cause with its fix steps and every other diagnosis in one line, then a
     * "Details" message (explanations, the evidence with each line once, the probe table).
     */
    public List<SlackMessage> thread(Answer answer) {
        List<SlackMessage> messages = new ArrayList<>(diagnosis(answer));
        messages.addAll(details(answer.report()));
        return messages;
    }

    /** The "Details" message: what the terminal shows with --verbose. */
    public List<SlackMessage> details(Report report) {
        List<LayoutBlock> blocks = new ArrayList<>(sections("*Details* for `" + escape(report.target().key()) + "`"));
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (Diagnosis diagnosis : report.diagnoses()) {
            StringBuilder text = new StringBuilder("*").append(escape(diagnosis.title())).append("*  `")
                    .append(escape(diagnosis.id())).append("`");
            if (!diagnosis.explanation().isBlank()) {
                text.append('\n').append(escape(diagnosis.explanation()));
            }
            if (diagnosis.explains().size() > 1) {
                text.append("\n_Explains:_ ").append(escape(String.join("; ", diagnosis.explains())));
            }
            for (String evidence : diagnosis.evidence()) {
                if (shown.add(evidence)) {
                    text.append("\n• ").append(escape(evidence));
                }
            }
            blocks.addAll(sections(text.toString()));
        }
        blocks.addAll(timings(report));
        return pack(blocks, "Details of " + escape(report.target().key()));
    }

    /**
     * Several hosts: the tally, then each root cause with its hosts and their verdicts (worst first,
     * an outage shows as one big group). The first message is the channel message; any further
     * ones (very long lists) go first in its thread.
     */
    public List<SlackMessage> fleetSummary(FleetAnswer fleet) {
        FleetResult result = fleet.result();
        int hosts = result.hosts().size();
        long problems = result.problemCount();
        Severity worst = result.groups().isEmpty() ? Severity.OK : result.groups().get(0).severity();
        String tally = hosts + " hosts checked: " + problems + " with problems, " + (hosts - problems) + " without";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(emoji(worst) + " *" + tally + "*"));
        StringBuilder context = new StringBuilder(String.format(Locale.ROOT, "checked in %.1f s",
                result.elapsed().toMillis() / 1000.0));
        if (fleet.cachedCount() > 0) {
            context.append(" · ").append(fleet.cachedCount()).append(" from the cache (add `fresh` to re-run)");
        }
        if (problems > 0) {
            context.append(" · the reports of the hosts with problems are in the thread");
        }
        blocks.add(context(context.toString()));
        for (FleetResult.Group group : result.groups()) {
            StringBuilder text = new StringBuilder();
            text.append(emoji(group.severity())).append(" *").append(escape(causeTitle(group))).append("*  `")
                    .append(escape(group.rootCause())).append("` · ").append(group.hosts().size())
                    .append(group.hosts().size() == 1 ? " host" : " hosts");
            for (HostResult host : group.hosts()) {
                text.append("\n• `").append(escape(host.target().key())).append("` ").append(escape(host.verdict()));
            }
            blocks.addAll(sections(text.toString()));
        }
        return pack(blocks, escape(tally));
    }

    /** The title of a group's root cause: its diagnosis' title, or what "none" and "error" mean. */
    private static String causeTitle(FleetResult.Group group) {
        if (group.rootCause().equals(HostResult.CHECK_ERROR)) {
            return "The check itself failed";
        }
        for (HostResult host : group.hosts()) {
            if (host instanceof HostResult.Checked checked && !checked.report().diagnoses().isEmpty()) {
                return checked.report().diagnoses().get(0).title();
            }
        }
        return "No problem found";
    }

    /** The root cause (title, what it explains, numbered fix steps) and every other diagnosis in one line. */
    public List<SlackMessage> diagnosis(Answer answer) {
        Report report = answer.report();
        List<LayoutBlock> blocks = new ArrayList<>();
        if (report.diagnoses().isEmpty()) {
            blocks.addAll(sections("No diagnosis: the probes found nothing to explain. The details below show what ran."));
            return pack(blocks, "Diagnosis of " + escape(report.target().key()));
        }
        Diagnosis root = report.diagnoses().get(0);
        StringBuilder head = new StringBuilder();
        head.append(emoji(root.severity())).append(" *").append(escape(root.title())).append("*  `")
                .append(escape(root.id())).append("`");
        if (!root.explains().isEmpty()) {
            head.append("\n_Explains:_ ").append(escape(root.explains().get(0)));
        }
        blocks.addAll(sections(head.toString()));
        int n = 1;
        for (FixStep step : root.fix()) {
            StringBuilder text = new StringBuilder();
            text.append("*").append(n++).append(".* _[").append(escape(step.marks())).append("]_ ").append(escape(step.action()));
            if (step.kind() == FixStep.Kind.NAVIGATION) {
                // a GUI path is a place to go, not something to paste: never a code block
                text.append("\n_Open:_ ").append(escape(step.pathText()));
            } else if (step.kind() == FixStep.Kind.COMMAND) {
                text.append("\n_").append(step.shell().label()).append(":_");
            }
            blocks.addAll(sections(text.toString()));
            if (step.kind() == FixStep.Kind.COMMAND) {
                blocks.addAll(code(step.command()));
            }
            if (!step.verify().isBlank()) {
                blocks.add(context("_Verify:_ " + escape(step.verify())));
            }
        }
        if (report.diagnoses().size() > 1) {
            StringBuilder others = new StringBuilder("*Also found*");
            for (Diagnosis other : report.diagnoses().subList(1, report.diagnoses().size())) {
                others.append("\n").append(emoji(other.severity())).append(' ').append(escape(other.title()))
                        .append("  `").append(escape(other.id())).append('`');
            }
            blocks.addAll(sections(others.toString()));
        }
        return pack(blocks, "Fix for " + escape(report.target().key()));
    }

    /** The JSON report as a file to attach: name, title and UTF-8 bytes. */
    public record RawFile(String filename, String title, byte[] content) {
    }

    /** "Show raw findings": the JSON report as a file (a JSON paste of many code blocks helps nobody). */
    public RawFile rawFile(Report report) {
        String name = "rdpcheck-" + report.target().key().replaceAll("[^A-Za-z0-9.-]", "_") + ".json";
        return new RawFile(name, "Raw findings of " + report.target().key(),
                ReportJson.write(report, true).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** "Show raw findings" where a file cannot be uploaded: the JSON report in code blocks, over as many messages as it takes. */
    public List<SlackMessage> rawFindings(Report report) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.addAll(sections("*Raw findings* for `" + escape(report.target().key()) + "`"));
        blocks.addAll(code(ReportJson.write(report, true)));
        return pack(blocks, "Raw findings of " + escape(report.target().key()));
    }

    /** Plain text (help, acknowledgements, errors) as one message; {@code `code`} spans survive. */
    public SlackMessage notice(String plainText) {
        String escaped = escape(plainText);
        List<LayoutBlock> blocks = sections(escaped);
        if (blocks.size() > MAX_BLOCKS) {
            blocks = blocks.subList(0, MAX_BLOCKS);
        }
        return new SlackMessage(clip(escaped, MAX_FALLBACK_TEXT), blocks);
    }

    /** Slack's three control characters in text that is not ours. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private List<LayoutBlock> timings(Report report) {
        StringBuilder table = new StringBuilder();
        for (Map.Entry<ProbeId<?>, ProbeOutcome> entry : report.findings().outcomes().entrySet()) {
            ProbeOutcome outcome = entry.getValue();
            table.append(String.format(Locale.ROOT, "%-14s %-18s %8.1f ms", entry.getKey().label(), ProbeStatus.of(outcome),
                    outcome.took().toNanos() / 1e6));
            if (!outcome.why().isEmpty()) {
                table.append("  ").append(outcome.why());
            }
            table.append('\n');
        }
        table.append(String.format(Locale.ROOT, "%-14s %-18s %8.1f ms", "total", "", report.elapsedMillis()));
        List<LayoutBlock> blocks = new ArrayList<>(sections("*Probes*"));
        blocks.addAll(code(table.toString()));
        return blocks;
    }

    /** Splits escaped mrkdwn into sections of at most {@link #MAX_SECTION_TEXT}, at line breaks where possible. */
    static List<LayoutBlock> sections(String mrkdwn) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String chunk : chunks(mrkdwn, MAX_SECTION_TEXT)) {
            blocks.add(section(chunk));
        }
        return blocks;
    }

    /** Unescaped text as code blocks, each fenced on its own so a split never leaves a fence open. */
    static List<LayoutBlock> code(String raw) {
        String body = escape(raw.replace(FENCE, "'''"));
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String chunk : chunks(body, MAX_SECTION_TEXT - 2 * FENCE.length() - 2)) {
            blocks.add(section(FENCE + "\n" + chunk + "\n" + FENCE));
        }
        return blocks;
    }

    static List<String> chunks(String text, int max) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = safeCut(rest, max);
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            } else {
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut + 1);
            }
        }
        if (!rest.isEmpty() || out.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    /** A cut at or before {@code max} that splits neither an escape like {@code &amp;} nor a surrogate pair. */
    private static int safeCut(String text, int max) {
        int cut = max;
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 5 && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }

    /** Blocks into messages within the block and size limits. */
    static List<SlackMessage> pack(List<LayoutBlock> blocks, String fallback) {
        List<SlackMessage> messages = new ArrayList<>();
        List<LayoutBlock> current = new ArrayList<>();
        int size = 0;
        for (LayoutBlock block : blocks) {
            int length = textLength(block);
            if (!current.isEmpty() && (current.size() == MAX_BLOCKS || size + length > MAX_MESSAGE_TEXT)) {
                messages.add(new SlackMessage(fallback, current));
                current = new ArrayList<>();
                size = 0;
            }
            if (current.isEmpty() && block instanceof DividerBlock) {
                continue; // a message does not start with a divider
            }
            current.add(block);
            size += length;
        }
        if (!current.isEmpty()) {
            messages.add(new SlackMessage(fallback, current));
        }
        if (messages.size() > 1) {
            List<SlackMessage> numbered = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                numbered.add(new SlackMessage(fallback + " (" + (i + 1) + "/" + messages.size() + ")", messages.get(i).blocks()));
            }
            return numbered;
        }
        return messages;
    }

    public static int textLength(LayoutBlock block) {
        if (block instanceof SectionBlock section && section.getText() != null) {
            return section.getText() instanceof MarkdownTextObject m ? m.getText().length() : 0;
        }
        if (block instanceof ContextBlock context) {
            return context.getElements().stream().mapToInt(e -> e instanceof MarkdownTextObject m ? m.getText().length() : 0).sum();
        }
        return 0;
    }

    private static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(mrkdwn).verbatim(true).build()).build();
    }

    private static ContextBlock context(String mrkdwn) {
        return ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(clip(mrkdwn, MAX_SECTION_TEXT))
                .verbatim(true).build())).build();
    }

    private static ButtonElement button(String actionId, String label, String value) {
        return ButtonElement.builder().actionId(actionId).value(value)
                .text(PlainTextObject.builder().text(label).emoji(false).build()).build();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, safeCut(text, max - 1)) + "…";
    }

    private static String emoji(Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":red_circle:";
            case WARNING -> ":warning:";
            case INFO -> ":information_source:";
            case OK -> ":white_check_mark:";
        };
    }

}
