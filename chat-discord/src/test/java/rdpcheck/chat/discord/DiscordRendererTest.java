package rdpcheck.chat.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import net.dv8tion.jda.api.entities.MessageEmbed;
import rdpcheck.probes.Findings;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Confidence;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.FixStep;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.net.DnsResult;

class DiscordRendererTest {

    private static final String HOSTILE = "@everyone <@123456> <#42> <@&7> **bold** __u__ ~~s~~ ||spoiler|| `code` "
            + "```block``` > quote # head -# small [link](https://evil.example) :smile: \\";

    private final DiscordRenderer renderer = new DiscordRenderer();

    @Test
    void escape_mentionsAndMarkdown_everyActingCharacterIsBackslashed() {
        String escaped = DiscordRenderer.escape(HOSTILE);

        assertUnescapedNowhere(escaped, "@<>*_~|`[]\\");
        assertEquals(HOSTILE, unescape(escaped), "escaping loses nothing");
    }

    @Test
    void escape_onlyWhereMarkdownActs_addressesStayReadable() {
        assertEquals("127.0.0.1:3389 at 17:39 UTC (30 days ago)", DiscordRenderer.escape("127.0.0.1:3389 at 17:39 UTC (30 days ago)"));
        assertEquals("\\# head\n\\- item\n\\1. first\na - b # c 1. d", DiscordRenderer.escape("# head\n- item\n1. first\na - b # c 1. d"));
    }

    @Test
    void escape_controlCharacters_becomeQuestionMarks() {
        assertEquals("a?b\nc?", DiscordRenderer.escape("a\u0007b\nc\u2028"));
    }

    @Test
    void escapeKeepingCode_codeSpansStayCode_restEscaped() {
        assertEquals("Checking `rdp01:3389`… \\*now\\*", DiscordRenderer.escapeKeepingCode("Checking `rdp01:3389`… *now*"));
        assertEquals("odd \\`tick", DiscordRenderer.escapeKeepingCode("odd `tick"));
    }

    @Test
    void codeBlock_backticksInside_cannotCloseTheBlock() {
        String block = DiscordRenderer.codeBlock("echo ```; @everyone", 100);

        assertTrue(block.startsWith("```\n") && block.endsWith("\n```"));
        assertEquals(2, countOf(block, "```"), block);
    }

    @Test
    void codeBlock_tooLong_cutWithinMaxAndStillClosed() {
        String block = DiscordRenderer.codeBlock("x".repeat(5000), 1024);

        assertEquals(1024, block.length());
        assertTrue(block.endsWith("…\n```"));
    }

    @Test
    void truncate_atLimit_keepsText_overLimit_endsWithEllipsisAtExactlyMax() {
        assertEquals("abc", DiscordRenderer.truncate("abc", 3));
        assertEquals("ab…", DiscordRenderer.truncate("abcd", 3));
    }

    @Test
    void truncate_neverSplitsASurrogatePair() {
        String text = "a" + "😀".repeat(10);
        String cut = DiscordRenderer.truncate(text, 5);

        assertTrue(cut.length() <= 5);
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)), cut);
    }

    @Test
    void truncate_neverLeavesAnEscapingBackslashBeforeTheEllipsis() {
        String escaped = DiscordRenderer.escape("ab*cdef");
        String cut = DiscordRenderer.truncate(escaped, 4);

        assertEquals("ab…", cut);
    }

    @Test
    void verdict_hostileAndHugeTarget_escapedAndTitleWithin256() {
        Target target = new Target("@everyone-" + "h".repeat(400), 3389, "@everyone");
        Report report = report(target, "Nothing answers on port 3389 **at all**", List.of(diagnosis(0, 1, 10, 1)));

        MessageEmbed embed = renderer.verdict(report, "cached result from 42 s ago (add `fresh` to re-run)");

        assertTrue(embed.getTitle().length() <= DiscordRenderer.TITLE_MAX);
        assertTrue(embed.getTitle().contains("\\@everyone"), embed.getTitle());
        assertTrue(embed.getDescription().contains("\\*\\*at all\\*\\*"), embed.getDescription());
        assertTrue(embed.getDescription().contains("`fresh`"), embed.getDescription());
        assertWithinLimits(List.of(embed));
    }

    @Test
    void verdict_saysWhoCanConnect_inOneCompactLine() {
        Diagnosis refused = new Diagnosis("tcp.refused", Severity.CRITICAL, Confidence.CERTAIN, "Port 3389 refuses",
                "x", List.of(), List.of(), List.of(), List.of(), java.util.Map.of(
                        rdpcheck.probes.diagnosis.ClientGroup.MSTSC, rdpcheck.probes.diagnosis.ClientImpact.FAILS,
                        rdpcheck.probes.diagnosis.ClientGroup.FREERDP, rdpcheck.probes.diagnosis.ClientImpact.WARNS));

        MessageEmbed embed = renderer.verdict(report(new Target("rdp01", 3389, "rdp01"), "Refused", List.of(refused)), "");

        String clients = embed.getDescription().lines().filter(l -> l.startsWith("**clients**")).findFirst().orElse("");
        assertTrue(clients.contains("mstsc fails") && clients.contains("freerdp warns"), embed.getDescription());
        assertTrue(clients.length() < 200, clients);
        assertWithinLimits(List.of(embed));
    }

    @Test
    void verdict_moreDiagnosesThanFields_25FieldsWithACountOfTheRest() {
        List<Diagnosis> many = IntStream.range(0, 40).mapToObj(i -> diagnosis(i, 1, 10, 0)).toList();

        MessageEmbed embed = renderer.verdict(report(new Target("rdp01", 3389, "rdp01"), "Many problems", many), "");

        assertEquals(DiscordRenderer.FIELDS_MAX, embed.getFields().size());
        assertTrue(embed.getFields().get(24).getValue().startsWith("16 more"), embed.getFields().get(24).getValue());
        assertWithinLimits(List.of(embed));
    }

    @Test
    void details_hugeReport_everyEmbedAndMessageWithinDiscordLimits() {
        List<Diagnosis> huge = IntStream.range(0, 12).mapToObj(i -> diagnosis(i, 40, 3000, 30)).toList();

        List<List<MessageEmbed>> messages = renderer.details(report(new Target("rdp01", 3389, "rdp01"), "Bad", huge));

        assertTrue(messages.size() <= DiscordRenderer.THREAD_MESSAGES_MAX);
        assertTrue(messages.stream().flatMap(List::stream).anyMatch(e -> e.getTitle().endsWith("(continued)")),
                "27+ fix steps must spill into a continuation embed");
        messages.forEach(DiscordRendererTest::assertWithinLimits);
        assertTrue(messages.get(messages.size() - 1).get(0).getTitle().startsWith("More than fits"));
    }

    @Test
    void details_longEvidence_splitAcrossEmbedsWithoutLosingALine() {
        List<String> evidence = IntStream.range(0, 120).mapToObj(i -> "line " + i + " " + "e".repeat(90)).toList();
        Diagnosis big = new Diagnosis("cert.expired", Severity.CRITICAL, Confidence.CERTAIN, "Expired", "x",
                evidence, List.of(), List.of());

        List<List<MessageEmbed>> messages = renderer.details(report(new Target("rdp01", 3389, "rdp01"), "Bad", List.of(big)));

        String all = messages.stream().flatMap(List::stream).map(e -> e.getDescription() == null ? "" : e.getDescription())
                .collect(Collectors.joining("\n"));
        for (int i = 0; i < 120; i++) {
            assertTrue(all.contains("line " + i + " "), "line " + i);
        }
        assertTrue(messages.stream().mapToLong(m -> m.stream().filter(e -> e.getTitle().contains("Details")).count()).sum() >= 3);
        messages.forEach(DiscordRendererTest::assertWithinLimits);
    }

    @Test
    void details_fixSteps_numberedInOrderWithCommandInCodeBlock() {
        Diagnosis d = new Diagnosis("security.nla-required", Severity.CRITICAL, Confidence.CERTAIN, "NLA required", "",
                List.of(), List.of("mstsc 0x904 / extended 0x7"),
                List.of(new FixStep("client", "Update", "winver", "it says 22H2"),
                        new FixStep("server", "Allow **it**", "reg add `x`", "")));

        MessageEmbed embed = renderer.details(report(new Target("rdp01", 3389, "rdp01"), "Bad", List.of(d))).get(0).get(0);

        assertEquals("1. [client · change] Update", embed.getFields().get(0).getName());
        assertEquals("PowerShell:\n```\nwinver\n```\nVerify: it says 22H2", embed.getFields().get(0).getValue());
        assertEquals("2. [server · change] Allow \\*\\*it\\*\\*", embed.getFields().get(1).getName());
        assertEquals("PowerShell:\n```\nreg add \u02cbx\u02cb\n```", embed.getFields().get(1).getValue());
    }

    @Test
    void threadName_longTarget_cutTo100() {
        Report report = report(new Target("h".repeat(300), 3389, "h"), "Bad", List.of());

        assertEquals(100, renderer.threadName(report).length());
    }

    // --- helpers

    static void assertWithinLimits(List<MessageEmbed> message) {
        assertTrue(message.size() <= DiscordRenderer.EMBEDS_PER_MESSAGE_MAX, "embeds: " + message.size());
        int total = 0;
        for (MessageEmbed embed : message) {
            assertTrue(embed.getTitle() == null || embed.getTitle().length() <= DiscordRenderer.TITLE_MAX);
            assertTrue(embed.getDescription() == null || embed.getDescription().length() <= DiscordRenderer.DESCRIPTION_MAX);
            assertTrue(embed.getFields().size() <= DiscordRenderer.FIELDS_MAX, "fields: " + embed.getFields().size());
            for (MessageEmbed.Field field : embed.getFields()) {
                assertTrue(field.getName().length() <= DiscordRenderer.FIELD_NAME_MAX);
                assertTrue(field.getValue().length() <= DiscordRenderer.FIELD_VALUE_MAX);
            }
            assertTrue(embed.isSendable(), "sendable");
            total += embed.getLength();
        }
        assertTrue(total <= DiscordRenderer.MESSAGE_EMBED_CHARS_MAX, "message total " + total);
    }

    private static void assertUnescapedNowhere(String escaped, String specials) {
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            assertTrue(specials.indexOf(c) < 0, "unescaped '" + c + "' at " + i + " in " + escaped);
        }
    }

    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                c = escaped.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    static Diagnosis diagnosis(int i, int evidence, int textLength, int steps) {
        List<FixStep> fix = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            fix.add(new FixStep("server", "Step " + s + " " + "a".repeat(300), "cmd " + "c".repeat(textLength),
                    "v".repeat(Math.min(textLength, 2000))));
        }
        return new Diagnosis("diag." + i, Severity.values()[i % 4], Confidence.LIKELY, "Diagnosis " + i + " " + HOSTILE,
                "Explanation " + "x".repeat(textLength),
                IntStream.range(0, evidence).mapToObj(e -> "evidence " + e + " " + HOSTILE).toList(),
                List.of("mstsc 0x904 / extended 0x7"), fix);
    }

    @Test
    void verdict_withChanges_showsChangedSinceEachChangeEscaped_andWithoutNone() {
        Report plain = report(new Target("rdp01", 3389, "rdp01"), "Fine", List.of());
        Instant at = plain.checkedAt();
        Report changed = plain.withChanges(new rdpcheck.probes.report.Changes(java.util.Optional.of(at.minusSeconds(3600)),
                java.util.Optional.of(at.minusSeconds(3600)), List.of(new rdpcheck.probes.report.Change("security.required",
                "NLA", "TLS", at, "NLA no longer required since *09:12* UTC @everyone"))));
        String description = renderer.verdict(changed, "").getDescription();
        assertTrue(description.contains("**Changed since the last check ("), description);
        assertTrue(description.contains("\n• NLA no longer required since \\*09:12\\* UTC \\@everyone"), description);
        assertFalse(renderer.verdict(plain, "").getDescription().contains("Changed since"));
    }

    static Report report(Target target, String verdict, List<Diagnosis> diagnoses) {
        Findings findings = Findings.empty()
                .with(DnsProbe.ID, new ProbeOutcome.Completed(new DnsResult(DnsResult.DnsStatus.LITERAL, List.of("192.0.2.10"), 0, ""), Duration.ofMillis(2)))
                .with(TcpProbe.ID, new ProbeOutcome.Failed("refused ``` @everyone", Duration.ofMillis(3)));
        return new Report(target, Instant.now(), 12.5, verdict, diagnoses, findings);
    }
}
