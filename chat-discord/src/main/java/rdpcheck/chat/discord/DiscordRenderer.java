package rdpcheck.chat.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
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

/**
 * The report as Discord embeds: a verdict embed for the reply, and the diagnoses with numbered
 * fix steps, evidence and timings for its thread, split over as many embeds and messages as
 * Discord's limits require. Everything a user or a host supplied is escaped so that it shows as
 * typed: no markdown, no mention syntax, no breaking out of a code block.
 */
public final class DiscordRenderer {

    /** Discord's embed limits (developer docs, "Embed Limits"). */
    public static final int TITLE_MAX = MessageEmbed.TITLE_MAX_LENGTH;
    public static final int DESCRIPTION_MAX = MessageEmbed.DESCRIPTION_MAX_LENGTH;
    public static final int FIELDS_MAX = 25;
    public static final int FIELD_NAME_MAX = MessageEmbed.TITLE_MAX_LENGTH;
    public static final int FIELD_VALUE_MAX = MessageEmbed.VALUE_MAX_LENGTH;
    public static final int FOOTER_MAX = MessageEmbed.TEXT_MAX_LENGTH;
    /** Characters of all embeds of one message together. */
    public static final int MESSAGE_EMBED_CHARS_MAX = MessageEmbed.EMBED_MAX_LENGTH_BOT;
    public static final int EMBEDS_PER_MESSAGE_MAX = 10;
    /** Message content is at most 2000 characters. */
    public static final int CONTENT_MAX = 2_000;
    /** Thread names are at most 100 characters. */
    public static final int THREAD_NAME_MAX = 100;
    /** A thread gets at most this many messages; past it, the rest is summed up in one line. */
    public static final int THREAD_MESSAGES_MAX = 6;

    private static final String ELLIPSIS = "…";
    /** Markdown and mention syntax Discord parses; a backslash before any of them shows it literally. */
    private static final String INLINE_SPECIAL = "\\*_~`|[]<>@";

    private final String cliHint;

    public DiscordRenderer() {
        this("rdpcheck check HOST --json");
    }

    /** {@code cliHint}: the command that prints everything, named when content had to be cut. */
    public DiscordRenderer(String cliHint) {
        this.cliHint = cliHint;
    }

    /** The reply: verdict, the diagnoses in one line each, and {@code note} (e.g. the age of a cached result). */
    public MessageEmbed verdict(Report report, String note) {
        EmbedBuilder embed = new EmbedBuilder()
                .setTitle(truncate("rdpcheck: " + escape(report.target().key()), TITLE_MAX))
                .setColor(colour(report.headline()))
                .setTimestamp(report.checkedAt());
        StringBuilder description = new StringBuilder("**").append(escape(report.verdict())).append("**");
        if (!note.isBlank()) {
            description.append("\n").append(escapeKeepingCode(note));
        }
        if (!report.facts().isEmpty()) {
            description.append('\n');
            report.facts().forEach(f -> description.append("\n**").append(f.label()).append("**  ").append(escape(f.value())));
        }
        if (!report.clientsSummary().isEmpty()) {
            description.append(report.facts().isEmpty() ? "\n" : "").append("\n**clients**  ")
                    .append(escape(report.clientsSummary()));
        }
        if (!report.diagnoses().isEmpty()) {
            description.append("\n\nFix steps and details are in the thread.");
        }
        embed.setDescription(truncate(description.toString(), DESCRIPTION_MAX));
        int shown = 0;
        for (Diagnosis diagnosis : report.diagnoses()) {
            if (shown == FIELDS_MAX - 1 && report.diagnoses().size() > FIELDS_MAX) {
                embed.addField("…", (report.diagnoses().size() - shown) + " more in the thread", false);
                break;
            }
            embed.addField(truncate(label(diagnosis.severity()) + " " + escape(diagnosis.title()), FIELD_NAME_MAX),
                    truncate(code(diagnosis.id()), FIELD_VALUE_MAX), false);
            shown++;
        }
        embed.setFooter(truncate(String.format(Locale.ROOT, "checked in %.0f ms", report.elapsedMillis()), FOOTER_MAX));
        return fitted(embed);
    }

    /**
     * The reply's message content, what a notification previews: who asked and the verdict, as
     * plain text ({@code @name} is not mention syntax, and every message allows no mentions).
     */
    public String content(Report report, Optional<String> askedBy) {
        String asked = askedBy.filter(name -> !name.isBlank()).map(name -> "@" + escape(name) + " asked: ").orElse("");
        return truncate(asked + escape(report.verdict()), CONTENT_MAX);
    }

    /** A short plain reply, e.g. an acknowledgement or a failure, as an embed. */
    public MessageEmbed notice(String title, String textWithCodeSpans, Severity severity) {
        return new EmbedBuilder()
                .setTitle(truncate(escape(title), TITLE_MAX))
                .setDescription(truncate(escapeKeepingCode(textWithCodeSpans), DESCRIPTION_MAX))
                .setColor(colour(severity))
                .build();
    }

    /** Thread name for a report: plain text (thread names show no markdown), within 100 characters. */
    public String threadName(Report report) {
        String name = "rdpcheck " + report.target().key();
        return name.length() <= THREAD_NAME_MAX ? name : name.substring(0, THREAD_NAME_MAX - 1) + ELLIPSIS;
    }

    /** The thread's messages, each a list of embeds within the per-message limits. */
    /**
     * The thread: the root cause with its fix steps and the other diagnoses in one line each, then
     * the details (explanations, evidence with each line once) and the probe table.
     */
    public List<List<MessageEmbed>> details(Report report) {
        List<MessageEmbed> embeds = new ArrayList<>();
        List<Diagnosis> diagnoses = report.diagnoses();
        if (!diagnoses.isEmpty()) {
            embeds.addAll(rootCause(diagnoses.get(0), diagnoses.subList(1, diagnoses.size())));
        }
        java.util.Set<String> shown = new java.util.HashSet<>();
        StringBuilder text = new StringBuilder();
        for (Diagnosis diagnosis : diagnoses) {
            text.append(text.length() == 0 ? "" : "\n\n").append("**").append(escape(diagnosis.title())).append("** ")
                    .append(code(diagnosis.id()));
            if (!diagnosis.explanation().isBlank()) {
                text.append('\n').append(escape(diagnosis.explanation()));
            }
            if (diagnosis.explains().size() > 1) {
                text.append("\n**Explains:** ").append(escape(String.join("; ", diagnosis.explains())));
            }
            diagnosis.evidence().stream().filter(shown::add).forEach(e -> text.append("\n• ").append(escape(e)));
        }
        if (text.length() > 0) {
            for (String chunk : split(text.toString(), DESCRIPTION_MAX)) {
                embeds.add(new EmbedBuilder().setTitle("Details").setDescription(chunk).build());
            }
        }
        embeds.add(timings(report));
        return pack(embeds);
    }

    private List<MessageEmbed> rootCause(Diagnosis diagnosis, List<Diagnosis> others) {
        String title = truncate(label(diagnosis.severity()) + " " + escape(diagnosis.title()), TITLE_MAX);
        StringBuilder text = new StringBuilder();
        text.append(code(diagnosis.id()));
        if (!diagnosis.explains().isEmpty()) {
            text.append("\n**Explains:** ").append(escape(diagnosis.explains().get(0)));
        }

        List<String> chunks = split(text.toString(), DESCRIPTION_MAX);
        List<MessageEmbed> embeds = new ArrayList<>();
        EmbedBuilder current = null;
        for (String chunk : chunks) {
            current = start(embeds, current, title, diagnosis.severity()).setDescription(chunk);
        }
        int n = 1;
        for (FixStep step : diagnosis.fix()) {
            String name = truncate(n++ + ". [" + escape(step.marks()) + "] " + escape(step.action()), FIELD_NAME_MAX);
            StringBuilder value = new StringBuilder();
            if (step.kind() == FixStep.Kind.COMMAND) {
                value.append(step.shell().label()).append(":\n").append(codeBlock(step.command(), FIELD_VALUE_MAX - 60));
            } else if (step.kind() == FixStep.Kind.NAVIGATION) {
                // a GUI path is a place to go, not something to paste: never a code block
                value.append("Open: ").append(escape(step.pathText()));
            }
            if (!step.verify().isBlank()) {
                value.append(value.length() > 0 ? "\n" : "").append("Verify: ").append(escape(step.verify()));
            }
            String fieldValue = truncate(value.length() == 0 ? "\u200b" : value.toString(), FIELD_VALUE_MAX);
            if (current.getFields().size() >= FIELDS_MAX
                    || current.length() + name.length() + fieldValue.length() > MESSAGE_EMBED_CHARS_MAX) {
                current = start(embeds, current, title + " (continued)", diagnosis.severity());
            }
            current.addField(name, fieldValue, false);
        }
        if (!others.isEmpty()) {
            StringBuilder also = new StringBuilder();
            others.forEach(o -> also.append(also.length() == 0 ? "" : "\n").append(label(o.severity())).append(' ')
                    .append(escape(o.title())).append(' ').append(code(o.id())));
            if (current.getFields().size() >= FIELDS_MAX) {
                current = start(embeds, current, title + " (continued)", diagnosis.severity());
            }
            current.addField("Also found", truncate(also.toString(), FIELD_VALUE_MAX), false);
        }
        embeds.add(fitted(current));
        return embeds;
    }

    private EmbedBuilder start(List<MessageEmbed> done, EmbedBuilder previous, String title, Severity severity) {
        if (previous != null) {
            done.add(fitted(previous));
        }
        return new EmbedBuilder().setTitle(truncate(title, TITLE_MAX)).setColor(colour(severity));
    }

    private MessageEmbed timings(Report report) {
        StringBuilder table = new StringBuilder();
        for (Map.Entry<ProbeId<?>, ProbeOutcome> entry : report.findings().outcomes().entrySet()) {
            table.append(String.format(Locale.ROOT, "%-14s %-18s %8.1f ms%s%n", entry.getKey().label(),
                    ProbeStatus.of(entry.getValue()), entry.getValue().took().toNanos() / 1e6, (entry.getValue().why().isEmpty() ? "" : "  " + entry.getValue().why())));
        }
        table.append(String.format(Locale.ROOT, "%-14s %-18s %8.1f ms", "total", "", report.elapsedMillis()));
        return new EmbedBuilder()
                .setTitle("Probes")
                .setDescription(codeBlock(table.toString(), DESCRIPTION_MAX))
                .setFooter(truncate("Everything, as JSON: " + cliHint, FOOTER_MAX))
                .setTimestamp(Instant.now())
                .build();
    }

    /** Greedy: as many embeds per message as the count and character limits allow, in order. */
    static List<List<MessageEmbed>> pack(List<MessageEmbed> embeds) {
        List<List<MessageEmbed>> messages = new ArrayList<>();
        List<MessageEmbed> current = new ArrayList<>();
        int chars = 0;
        for (MessageEmbed embed : embeds) {
            int length = embed.getLength();
            if (!current.isEmpty() && (current.size() == EMBEDS_PER_MESSAGE_MAX || chars + length > MESSAGE_EMBED_CHARS_MAX)) {
                messages.add(current);
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(embed);
            chars += length;
        }
        if (!current.isEmpty()) {
            messages.add(current);
        }
        if (messages.size() > THREAD_MESSAGES_MAX) {
            List<List<MessageEmbed>> kept = new ArrayList<>(messages.subList(0, THREAD_MESSAGES_MAX - 1));
            int dropped = messages.subList(THREAD_MESSAGES_MAX - 1, messages.size()).stream().mapToInt(List::size).sum();
            kept.add(List.of(new EmbedBuilder().setTitle("More than fits here")
                    .setDescription(dropped + " more sections were left out to keep the thread readable.")
                    .build()));
            return kept;
        }
        return messages;
    }

    /**
     * Several hosts: the tally, then a field per root cause (worst first) listing its hosts and
     * their verdicts. Groups past the field limit are counted in the last field.
     */
    public MessageEmbed fleetSummary(FleetAnswer fleet) {
        FleetResult result = fleet.result();
        int hosts = result.hosts().size();
        long problems = result.problemCount();
        Severity worst = result.groups().isEmpty() ? Severity.OK : result.groups().get(0).severity();
        EmbedBuilder embed = new EmbedBuilder()
                .setTitle(truncate("rdpcheck: " + hosts + " hosts, " + problems + " with problems", TITLE_MAX))
                .setColor(colour(worst));
        StringBuilder description = new StringBuilder();
        description.append(String.format(Locale.ROOT, "Checked in %.1f s", result.elapsed().toMillis() / 1000.0));
        if (fleet.cachedCount() > 0) {
            description.append("; ").append(fleet.cachedCount()).append(" from the cache (add `fresh` to re-run)");
        }
        description.append('.');
        if (problems > 0) {
            description.append(" The report of each host with problems is in the thread.");
        }
        embed.setDescription(truncate(description.toString(), DESCRIPTION_MAX));
        List<FleetResult.Group> groups = result.groups();
        for (int i = 0; i < groups.size(); i++) {
            FleetResult.Group group = groups.get(i);
            if (i == FIELDS_MAX - 1 && groups.size() > FIELDS_MAX) {
                embed.addField("…", (groups.size() - i) + " more root causes: see the thread", false);
                break;
            }
            StringBuilder value = new StringBuilder();
            for (HostResult host : group.hosts()) {
                value.append(code(host.target().key())).append(' ').append(escape(host.verdict())).append('\n');
            }
            embed.addField(truncate(label(group.severity()) + " " + escape(group.rootCause()) + " · " + group.hosts().size()
                    + (group.hosts().size() == 1 ? " host" : " hosts"), FIELD_NAME_MAX),
                    truncate(value.toString().strip(), FIELD_VALUE_MAX), false);
        }
        return fitted(embed);
    }

    /** An embed that is over Discord's total (only a pathological field mix gets here) loses fields from the end. */
    private static MessageEmbed fitted(EmbedBuilder embed) {
        while (embed.length() > MESSAGE_EMBED_CHARS_MAX && !embed.getFields().isEmpty()) {
            embed.getFields().remove(embed.getFields().size() - 1);
        }
        return embed.build();
    }

    /**
     * {@code text} shown literally, with a backslash only where Discord's markdown would act: the
     * inline markers ({@code * _ ~ ` |}), link and mention brackets ({@code [ ] < >}), {@code @}
     * (so {@code @everyone} stays text even before allowed_mentions), the backslash itself, and a
     * heading, quote or list marker at the start of a line. Addresses and times stay readable
     * ({@code 127.0.0.1:3389}, not {@code 127\.0\.0\.1\:3389}). Control characters other than
     * newline become {@code ?}.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        int[] points = text.codePoints().toArray();
        for (int i = 0; i < points.length; i++) {
            int c = points[i];
            if (c == '\n') {
                out.append('\n');
                lineStart = true;
                continue;
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                out.append('?');
                lineStart = false;
                continue;
            }
            boolean marker = c < 0x80 && INLINE_SPECIAL.indexOf(c) >= 0;
            if (lineStart && !marker && c != ' ') {
                marker = c == '#' || c == '-' || c == '+' || (Character.isDigit(c) && orderedListMarker(points, i));
            }
            if (marker) {
                out.append('\\');
            }
            out.appendCodePoint(c);
            lineStart = lineStart && c == ' ';
        }
        return out.toString();
    }

    /** {@code 12. } at the start of a line makes an ordered list. */
    private static boolean orderedListMarker(int[] points, int at) {
        int i = at;
        while (i < points.length && Character.isDigit(points[i])) {
            i++;
        }
        return i + 1 < points.length && points[i] == '.' && points[i + 1] == ' ';
    }

    /**
     * Plain text with {@code `code`} spans (as the bot core writes acknowledgements): the spans
     * stay code, everything else is {@linkplain #escape escaped}.
     */
    public static String escapeKeepingCode(String text) {
        String[] parts = text.split("`", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            boolean inCode = i % 2 == 1 && i < parts.length - 1;
            if (inCode) {
                out.append(code(parts[i]));
            } else {
                out.append(escape(i % 2 == 1 ? "`" + parts[i] : parts[i]));
            }
        }
        return out.toString();
    }

    /** An inline code span; backticks inside cannot end it. */
    static String code(String text) {
        String safe = codeSafe(text).replace('\n', ' ');
        return safe.isEmpty() ? "" : "`" + safe + "`";
    }

    /** A fenced code block of at most {@code max} characters in all, cut (and marked) if longer. */
    static String codeBlock(String text, int max) {
        String open = "```\n";
        String close = "\n```";
        String body = codeSafe(text);
        int room = max - open.length() - close.length();
        if (room < 1) {
            return "";
        }
        return open + truncate(body, room) + close;
    }

    /** In code, backslashes are literal and only a backtick can end the span: swap it for a look-alike. */
    private static String codeSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '`') {
                out.append('\u02cb');
            } else if (c == '\n' || c == '\t') {
                out.appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * At most {@code max} characters (UTF-16 units, as Discord counts), ending in an ellipsis when
     * cut; never splits a surrogate pair or leaves an escaping backslash dangling at the end.
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int backslashes = 0;
        for (int i = end - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        if (backslashes % 2 == 1) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
    }

    /** Splits on line ends into pieces of at most {@code max}; a longer single line is cut. */
    static List<String> split(String text, int max) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String piece = truncate(line, max);
            if (current.length() > 0 && current.length() + 1 + piece.length() > max) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(piece);
        }
        if (current.length() > 0 || chunks.isEmpty()) {
            chunks.add(current.length() == 0 ? "\u200b" : current.toString());
        }
        return chunks;
    }

    private static String label(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "🔴";
            case WARNING -> "🟠";
            case INFO -> "🔵";
            case OK -> "🟢";
        };
    }

    static int colour(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 0xD83C3E;
            case WARNING -> 0xF0B232;
            case INFO -> 0x5865F2;
            case OK -> 0x23A55A;
        };
    }

}
