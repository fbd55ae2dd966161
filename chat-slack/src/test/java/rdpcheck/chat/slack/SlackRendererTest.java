package rdpcheck.chat.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;

import rdpcheck.checks.Answer;
import rdpcheck.probes.Findings;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Confidence;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.FixStep;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.DnsResult;

class SlackRendererTest {

    private final SlackRenderer renderer = new SlackRenderer();
    private static final Target TARGET = new Target("rdp01.corp", 3389, "rdp01.corp");

    @Test
    void verdict_hostileVerdict_isEscapedAndHasButtons() {
        Report report = report("<!channel> & <@U123> <https://evil|click>", List.of(diagnosis("x", "<b>", 1)));
        SlackMessage message = renderer.verdict(new Answer(report, Answer.Freshness.CACHED, Duration.ofSeconds(42)));
        String all = allText(message);
        assertFalse(all.contains("<!channel>"), all);
        assertFalse(all.contains("<@U123>"), all);
        assertFalse(all.contains("<https://evil"), all);
        assertTrue(all.contains("&lt;!channel&gt; &amp; &lt;@U123&gt;"), all);
        assertTrue(all.contains("cached result from 42 s ago"), all);
        assertFalse(message.text().contains("<"), message.text());
        ActionsBlock actions = (ActionsBlock) message.blocks().get(message.blocks().size() - 1);
        assertEquals(2, actions.getElements().size());
    }

    @Test
    void verdict_saysWhoCanConnect_inOneCompactLine() {
        Diagnosis refused = new Diagnosis("tcp.refused", Severity.CRITICAL, Confidence.CERTAIN, "Port 3389 refuses",
                "x", List.of(), List.of(), List.of(), List.of(), Map.of(
                        rdpcheck.probes.diagnosis.ClientGroup.MSTSC, rdpcheck.probes.diagnosis.ClientImpact.FAILS,
                        rdpcheck.probes.diagnosis.ClientGroup.FREERDP, rdpcheck.probes.diagnosis.ClientImpact.WARNS));

        SlackMessage message = renderer.verdict(new Answer(report("Refused", List.of(refused)), Answer.Freshness.NEW,
                Duration.ZERO));

        String clients = allText(message).lines().filter(l -> l.startsWith("*clients*")).findFirst().orElse("");
        assertTrue(clients.contains("mstsc fails") && clients.contains("freerdp warns"), allText(message));
        assertTrue(clients.length() < 200, clients);
    }

    @Test
    void thread_hostSuppliedEvidenceAndCommands_areEscapedEverywhere() {
        Diagnosis hostile = new Diagnosis("cert.name-mismatch", Severity.CRITICAL, Confidence.CERTAIN,
                "Name <!here>", "CN is <script>&", List.of("subject CN=<!everyone>"), List.of("mstsc <0x904>"),
                List.of(new FixStep("server", "run <this>", "echo ``` <!channel> ```", "see <!subteam^S1>")));
        for (SlackMessage message : renderer.thread(new Answer(report("v", List.of(hostile)), Answer.Freshness.NEW, Duration.ZERO))) {
            String all = allText(message);
            assertFalse(all.matches("(?s).*<[!@#].*"), all);
            assertFalse(all.contains("<script>"), all);
        }
    }

    @Test
    void thread_fixStepsNumberedInOrder_thenDetailsWithEvidenceAndProbes() {
        List<SlackMessage> thread = renderer.thread(new Answer(report("v", List.of(diagnosis("tcp.refused", "x", 3))),
                Answer.Freshness.NEW, Duration.ZERO));
        String all = String.join("\n", thread.stream().map(SlackRendererTest::allText).toList());
        assertTrue(all.indexOf("*1.*") < all.indexOf("*2.*") && all.indexOf("*2.*") < all.indexOf("*3.*"), all);
        assertTrue(all.indexOf("• x") > all.indexOf("*3.*"), all);
        assertTrue(allText(thread.get(thread.size() - 1)).contains("*Details*"));
        assertTrue(allText(thread.get(thread.size() - 1)).contains("*Probes*"));
        assertTrue(allText(thread.get(thread.size() - 1)).contains("negotiation"));
    }

    @Test
    void thread_hugeReport_isSplitWithinSlackLimits() {
        List<Diagnosis> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(diagnosis("d" + i, "evidence " + i + " " + "&<>".repeat(1_500), 4));
        }
        List<SlackMessage> thread = renderer.thread(new Answer(report("v", many), Answer.Freshness.NEW, Duration.ZERO));
        assertTrue(thread.size() > 3, "split over several messages: " + thread.size());
        int sections = 0;
        for (SlackMessage message : thread) {
            assertTrue(message.blocks().size() <= SlackRenderer.MAX_BLOCKS, "blocks: " + message.blocks().size());
            int total = 0;
            for (LayoutBlock block : message.blocks()) {
                int length = SlackRenderer.textLength(block);
                assertTrue(length <= SlackRenderer.MAX_SECTION_TEXT, "section of " + length);
                total += length;
                if (block instanceof SectionBlock section) {
                    String text = ((MarkdownTextObject) section.getText()).getText();
                    assertFalse(text.matches("(?s).*&[a-z]{0,3}$"), "an escape cut in half at the end of a section");
                    sections++;
                }
            }
            assertTrue(total <= SlackRenderer.MAX_MESSAGE_TEXT, "message text " + total);
            if (message.text().startsWith("Details")) {
                assertTrue(message.text().matches(".*\\(\\d+/\\d+\\)"), message.text());
            }
        }
        assertTrue(sections > 60, "every diagnosis's evidence is in the details: " + sections);
    }

    @Test
    void code_longCommand_keepsEveryChunkFenced() {
        List<LayoutBlock> blocks = SlackRenderer.code("x".repeat(7_000));
        assertEquals(3, blocks.size());
        for (LayoutBlock block : blocks) {
            String text = ((MarkdownTextObject) ((SectionBlock) block).getText()).getText();
            assertTrue(text.startsWith("```\n") && text.endsWith("\n```"), text.substring(0, 10));
            assertTrue(text.length() <= SlackRenderer.MAX_SECTION_TEXT);
        }
    }

    @Test
    void rawFindings_isJsonInCodeBlocks() {
        List<SlackMessage> raw = renderer.rawFindings(report("v", List.of()));
        String all = allText(raw.get(0));
        assertTrue(all.contains("```") && all.contains("\"target\""), all);
    }

    @Test
    void escape_onlyTheThreeControlCharacters() {
        assertEquals("a &amp; b &lt;c&gt; `d` *e*", SlackRenderer.escape("a & b <c> `d` *e*"));
    }

    private static Report changed(Report report) {
        Instant at = report.checkedAt();
        return report.withChanges(new rdpcheck.probes.report.Changes(java.util.Optional.of(at.minusSeconds(3600)),
                java.util.Optional.of(at.minusSeconds(3600)), List.of(new rdpcheck.probes.report.Change("tls.versions",
                "TLS 1.0, TLS 1.2", "TLS 1.2", at, "TLS 1.0 turned off since <!here> 09:00 UTC"))));
    }

    @Test
    void verdict_withChanges_showsChangedSinceEachChangeEscaped_andWithoutNone() {
        String text = allText(renderer.verdict(new Answer(changed(report("v", List.of())), Answer.Freshness.NEW, Duration.ZERO)));
        assertTrue(text.contains("*Changed since the last check ("), text);
        assertTrue(text.contains("\n• TLS 1.0 turned off since &lt;!here&gt; 09:00 UTC"), text);
        assertFalse(allText(renderer.verdict(new Answer(report("v", List.of()), Answer.Freshness.NEW, Duration.ZERO)))
                .contains("Changed since"));
    }

    @Test
    void alert_eventsFirst_thenTheVerdictWithChangesAndButtons_previewIsTheAlert() {
        Report report = changed(report("rdp01.corp: TLS 1.0 is off", List.of()));
        rdpcheck.checks.watch.Watch watch = new rdpcheck.checks.watch.Watch(7, TARGET,
                new rdpcheck.checks.watch.WatchChannel("slack", "C0OPS"), Duration.ofHours(6), "U1", Instant.EPOCH,
                Instant.EPOCH, java.util.Optional.empty(), rdpcheck.checks.watch.WatchState.NEVER);
        rdpcheck.checks.watch.Alert alert = new rdpcheck.checks.watch.Alert(watch, List.of(new rdpcheck.checks.watch.AlertEvent(
                rdpcheck.checks.watch.AlertEvent.Kind.CHANGED, "change:tls.versions@1", "Changed: TLS 1.0 turned off <b>")),
                new Answer(report, Answer.Freshness.NEW, Duration.ZERO));
        SlackMessage message = renderer.alert(alert);
        String text = allText(message);
        assertTrue(text.startsWith(":rotating_light: *Watch alert* for `rdp01.corp:3389` (every 6h)\n• Changed: TLS 1.0 turned off &lt;b&gt;"),
                text);
        assertTrue(text.indexOf("Watch alert") < text.indexOf("rdp01.corp: TLS 1.0 is off"), text);
        assertTrue(text.contains("*Changed since the last check ("), text);
        assertTrue(message.blocks().stream().anyMatch(b -> b instanceof ActionsBlock), "Re-run and Show raw findings");
        assertEquals("Watch alert for rdp01.corp:3389: Changed: TLS 1.0 turned off &lt;b&gt;", message.text());
    }

    static Diagnosis diagnosis(String id, String evidence, int steps) {
        List<FixStep> fix = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            fix.add(new FixStep("server", "step " + i, "cmd " + i, "check " + i));
        }
        return new Diagnosis(id, Severity.CRITICAL, Confidence.LIKELY, "Title " + id, "Explanation", List.of(evidence),
                List.of("mstsc 0x904"), fix);
    }

    static Report report(String verdict, List<Diagnosis> diagnoses) {
        Map<ProbeId<?>, ProbeOutcome> outcomes = new LinkedHashMap<>();
        outcomes.put(DnsProbe.ID, new ProbeOutcome.Completed(new DnsResult(DnsResult.DnsStatus.LITERAL, List.of("192.0.2.10"), 0, ""), Duration.ofMillis(2)));
        outcomes.put(NegotiationProbe.ID, new ProbeOutcome.Failed("sent <!channel> bytes", Duration.ofMillis(3)));
        return new Report(TARGET, Instant.now(), 12.5, verdict, diagnoses, new Findings(outcomes));
    }

    static String allText(SlackMessage message) {
        StringBuilder out = new StringBuilder();
        for (LayoutBlock block : message.blocks()) {
            if (block instanceof SectionBlock section) {
                out.append(((MarkdownTextObject) section.getText()).getText()).append('\n');
            } else if (block instanceof com.slack.api.model.block.ContextBlock context) {
                context.getElements().forEach(e -> out.append(((MarkdownTextObject) e).getText()).append('\n'));
            }
        }
        return out.toString();
    }
}
