package rdpcheck.chat.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.Findings;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Confidence;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.FixStep;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.net.DnsProbe;

class TerminalRendererTest {

    private static Report report(String evidence, String command) {
        Diagnosis diagnosis = new Diagnosis("rdp.not-rdp", Severity.CRITICAL, Confidence.CERTAIN, "Not RDP", "Explanation.",
                List.of(evidence), List.of("mstsc 0x904"), List.of(new FixStep("server", "Do it", command, "It works")));
        Findings findings = new Findings(Map.of(DnsProbe.ID, new ProbeOutcome.Skipped("literal")));
        return new Report(new Target("127.0.0.1", 3389, "127.0.0.1"), Instant.EPOCH, 12.5, "127.0.0.1:3389: not RDP",
                List.of(diagnosis), findings);
    }

    @Test
    void render_hostSuppliedEscapeSequences_areNeutralised() {
        String text = new TerminalRenderer(false, 100, true).render(report("banner \u001b[2J\u001b]0;pwned\u0007 here", "cmd"));
        assertFalse(text.contains("\u001b"), text);
        assertFalse(text.contains("\u0007"), text);
        assertTrue(text.contains("banner ?[2J?]0;pwned? here"), text);
    }

    @Test
    void render_multiLineCommand_keepsEveryLineIndentedAndUnwrapped() {
        String longLine = "Get-Thing " + "-Parameter value ".repeat(20);
        String text = new TerminalRenderer(false, 60, false).render(report("e", "first line\n" + longLine));
        assertTrue(text.contains("         first line\n         " + longLine.strip() + "\n"), text);
    }

    @Test
    void render_withoutColour_hasNoAnsiCodes_withColourHasThem() {
        assertFalse(new TerminalRenderer(false).render(report("e", "c")).contains("\u001b["));
        assertTrue(new TerminalRenderer(true).render(report("e", "c")).contains("\u001b["));
    }

    @Test
    void render_short_numbersFixStepsNamingTheShell_andPointsToVerbose() {
        String text = new TerminalRenderer(false).render(report("e", "c"));
        assertTrue(text.contains("1. [server · change] Do it"), text);
        assertTrue(text.contains("PowerShell:"), text);
        assertFalse(text.contains("Evidence:"), text);
        assertFalse(text.contains("total"), text);
        assertTrue(text.contains("--verbose"), text);
        assertTrue(text.startsWith("127.0.0.1:3389: not RDP"), text);
    }

    @Test
    void render_verbose_showsEvidenceAndTheProbeTableInWords() {
        String text = new TerminalRenderer(false, 100, true).render(report("the evidence", "c"));
        assertTrue(text.contains("Evidence:\n    - the evidence"), text);
        assertTrue(text.contains("dns            skipped"), text);
        assertTrue(text.contains("total"), text);
    }

    @Test
    void render_prose_wrapsAtWordsWithinTheWidth() {
        Diagnosis diagnosis = new Diagnosis("rdp.not-rdp", Severity.CRITICAL, Confidence.CERTAIN, "Not RDP",
                "word ".repeat(60), List.of("e"), List.of("x"), List.of(new FixStep("server", "step ".repeat(40), "", "")));
        Report report = new Report(new Target("127.0.0.1", 3389, "127.0.0.1"), Instant.EPOCH, 1, "v", List.of(diagnosis),
                new Findings(Map.of()));
        for (String line : new TerminalRenderer(false, 50, true).render(report).split("\n")) {
            assertTrue(line.length() <= 50, line);
            assertFalse(line.endsWith("wor") || line.endsWith("ste"), line);
        }
    }

    @Test
    void render_serverSuppliedVerdict_cannotDriveTheTerminalOrForgeLines() {
        Diagnosis diagnosis = new Diagnosis("nla.clock-skew", Severity.WARNING, Confidence.CERTAIN,
                "Clock of RDP\u001b[31mHOST differs", "Explanation.", List.of("name WS\u0000\nFORGED-EVIDENCE"), List.of(),
                List.of(new FixStep("server", "Do it", "w32tm /resync\nsecond line", "")));
        Findings findings = new Findings(Map.of(DnsProbe.ID, new ProbeOutcome.Skipped("literal")));
        Report report = new Report(new Target("127.0.0.1", 3389, "127.0.0.1"), Instant.EPOCH, 1,
                "rdp01 (NTLM name EVIL\u001b[2J\u001b]0;owned\u0007\u0000\r\nFORGED-VERDICT: healthy\u202e)", List.of(diagnosis),
                findings);
        String text = new TerminalRenderer(false).render(report);
        for (String bad : new String[] {"\u001b", "\u0007", "\u0000", "\r", "\u202e"}) {
            assertFalse(text.contains(bad), "control character " + (int) bad.charAt(0) + " in: " + text);
        }
        assertFalse(text.lines().anyMatch(l -> l.strip().startsWith("FORGED")),
                "a server's newline must not start a line of its own: " + text);
        assertTrue(text.lines().anyMatch(l -> l.strip().equals("w32tm /resync"))
                && text.lines().anyMatch(l -> l.strip().equals("second line")), "rdpcheck's own multi-line commands stay: " + text);
    }
}
