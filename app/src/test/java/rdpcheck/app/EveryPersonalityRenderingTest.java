package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;

import net.dv8tion.jda.api.entities.MessageEmbed;
import rdpcheck.chat.discord.DiscordRenderer;
import rdpcheck.chat.render.TerminalRenderer;
import rdpcheck.chat.slack.SlackMessage;
import rdpcheck.chat.slack.SlackRenderer;
import rdpcheck.checks.Answer;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.probes.diagnosis.FixStep;
import rdpcheck.probes.report.Report;

/**
 * Issue 15's "done when": every lab personality, checked for real, rendered by the terminal,
 * Slack and Discord renderers (the console's is in ConsoleRenderingTest): lengths within the
 * limits, no GUI path anywhere a command is shown, and every command that reaches the host
 * carrying its real port.
 */
class EveryPersonalityRenderingTest {

    /** An expired certificate's whole report fits one screen of 30 rows at 100 columns. */
    static final int EXPIRED_ROWS_MAX = 30;
    /**
     * Any personality's default terminal report (root cause, its first steps, one line per other
     * diagnosis): 45 until the udp facts line and its line among the other diagnoses came.
     */
    static final int ROWS_MAX = 47;
    /** A GUI path typed into cmd: every '>' would be a redirect. */
    static final Pattern GUI_PATH = Pattern.compile("(\\.msc|Configuration|Templates|Show Options|Personal) *(>|→)");
    static final Pattern FENCED = Pattern.compile("```\\n(.*?)\\n```", Pattern.DOTALL);

    static List<Personalities.Checked> personalities() throws Exception {
        return Personalities.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personalities")
    void terminal_shortWithFactsWithinTheRows_commandsSafeToPaste(Personalities.Checked checked) {
        Report report = checked.report();
        String text = new TerminalRenderer(false, 100, false).render(report);
        assertTrue(report.verdict().length() <= Diagnostician.VERDICT_MAX, report.verdict());
        int rows = rows(text, 100);
        int max = rootCause(report).equals("cert.expired") ? EXPIRED_ROWS_MAX : ROWS_MAX;
        assertTrue(rows <= max, rows + " rows:\n" + text);
        for (String line : text.split("\n")) {
            if (!isCommandLine(text, line)) {
                assertTrue(line.length() <= 100 || !line.strip().contains(" "), "prose wider than 100 columns: " + line);
            }
        }
        report.facts().forEach(fact -> assertTrue(text.contains("  " + fact.label() + " "), fact.label() + "\n" + text));
        assertCommandsSafe(checked, commandLines(text));
        for (FixStep step : shownSteps(report)) {
            if (step.kind() == FixStep.Kind.NAVIGATION) {
                assertTrue(text.contains("Open: " + step.path().get(0)), step.pathText() + "\n" + text);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personalities")
    void terminalVerbose_evidenceNeverTwice(Personalities.Checked checked) {
        String text = new TerminalRenderer(false, 100, true).render(checked.report());
        List<String> evidence = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("    - ")) {
                assertFalse(evidence.contains(line), "evidence twice: " + line);
                evidence.add(line);
            }
        }
        assertCommandsSafe(checked, commandLines(text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personalities")
    void slack_withinLimits_commandsSafeToPaste(Personalities.Checked checked) {
        Answer answer = new Answer(checked.report(), Answer.Freshness.NEW, Duration.ZERO);
        SlackRenderer renderer = new SlackRenderer();
        List<SlackMessage> messages = new ArrayList<>();
        messages.add(renderer.verdict(answer));
        messages.addAll(renderer.thread(answer));
        List<String> code = new ArrayList<>();
        for (SlackMessage message : messages) {
            assertTrue(message.blocks().size() <= SlackRenderer.MAX_BLOCKS, checked.name());
            int total = 0;
            for (LayoutBlock block : message.blocks()) {
                int length = SlackRenderer.textLength(block);
                assertTrue(length <= SlackRenderer.MAX_SECTION_TEXT, checked.name());
                total += length;
                if (block instanceof SectionBlock section && section.getText() != null) {
                    Matcher fenced = Pattern.compile("```\\n?(.*?)\\n?```", Pattern.DOTALL).matcher(section.getText().getText());
                    while (fenced.find()) {
                        code.addAll(List.of(fenced.group(1).split("\n")));
                    }
                }
            }
            assertTrue(total <= SlackRenderer.MAX_MESSAGE_TEXT, checked.name());
        }
        assertCommandsSafe(checked, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personalities")
    void discord_withinLimits_commandsSafeToPaste(Personalities.Checked checked) {
        DiscordRenderer renderer = new DiscordRenderer();
        List<List<MessageEmbed>> messages = new ArrayList<>();
        messages.add(List.of(renderer.verdict(checked.report(), "")));
        messages.addAll(renderer.details(checked.report()));
        List<String> code = new ArrayList<>();
        for (List<MessageEmbed> message : messages) {
            assertTrue(message.size() <= DiscordRenderer.EMBEDS_PER_MESSAGE_MAX, checked.name());
            assertTrue(message.stream().mapToInt(MessageEmbed::getLength).sum() <= DiscordRenderer.MESSAGE_EMBED_CHARS_MAX, checked.name());
            for (MessageEmbed embed : message) {
                assertTrue(embed.getFields().size() <= DiscordRenderer.FIELDS_MAX, checked.name());
                List<String> texts = new ArrayList<>();
                texts.add(embed.getDescription() == null ? "" : embed.getDescription());
                embed.getFields().forEach(f -> {
                    assertTrue(f.getValue().length() <= DiscordRenderer.FIELD_VALUE_MAX, checked.name());
                    texts.add(f.getValue());
                });
                for (String text : texts) {
                    assertTrue(text.length() <= DiscordRenderer.DESCRIPTION_MAX, checked.name());
                    Matcher fenced = FENCED.matcher(text);
                    while (fenced.find()) {
                        code.addAll(List.of(fenced.group(1).split("\n")));
                    }
                }
            }
        }
        assertCommandsSafe(checked, code);
    }

    /**
     * The console chat, as {@code rdpcheck demo} and {@code rdpcheck console} print it: each
     * lab personality asked through the real router (policy, cache, probes), the thread drawn
     * behind "  │ ". The verdict is said once, the facts follow, commands are safe to paste.
     */
    @org.junit.jupiter.api.Test
    void console_everyPersonality_verdictOnce_factsAndSafeCommands() throws Exception {
        try (BotRuntime runtime = new BotRuntime(rdpcheck.config.Settings.defaults(), rdpcheck.chat.policy.Platform.CONSOLE)) {
            for (java.lang.reflect.Method factory : Personalities.factories()) {
                try (rdpcheck.lab.LabHost host = rdpcheck.lab.LabHost.start(factory.getName(),
                        (rdpcheck.lab.ConnectionHandler) factory.invoke(null))) {
                    java.io.StringWriter transcript = new java.io.StringWriter();
                    rdpcheck.chat.console.ConsoleChat chat = new rdpcheck.chat.console.ConsoleChat(
                            runtime.router(rdpcheck.chat.policy.Platform.CONSOLE), new java.io.PrintWriter(transcript), false, false);
                    String target = "127.0.0.1:" + host.port();
                    chat.say(rdpcheck.chat.Requester.console(), "/rdpcheck " + target);
                    String text = transcript.toString();
                    String verdict = text.lines().filter(l -> l.startsWith("rdpcheck: " + target)).findFirst().orElse("");
                    assertFalse(verdict.isEmpty(), factory.getName() + ": no verdict in\n" + text);
                    String sentence = verdict.substring("rdpcheck: ".length()).replaceFirst(" · cached result.*$", "");
                    assertEquals(1, text.split(java.util.regex.Pattern.quote(sentence), -1).length - 1,
                            factory.getName() + ": the verdict once\n" + text);
                    assertTrue(text.contains("  │   address "), factory.getName() + ": the facts\n" + text);
                    List<String> commands = commandLines(text.lines().map(l -> l.startsWith("  │ ") ? l.substring(4) : l)
                            .reduce("", (a, b) -> a + b + "\n"));
                    int port = host.port();
                    for (String line : commands) {
                        assertFalse(GUI_PATH.matcher(line).find(), factory.getName() + ": " + line);
                        if (line.contains("-Port") || line.contains("mstsc /v:") || line.contains("rdpcheck check")) {
                            assertTrue(line.contains(String.valueOf(port)), factory.getName() + ": " + line);
                        }
                    }
                }
            }
        }
    }

    /** No GUI path among the command lines; every command line that reaches the host names its real port. */
    static void assertCommandsSafe(Personalities.Checked checked, List<String> commandLines) {
        int port = checked.report().target().port();
        String host = checked.report().target().host();
        for (String line : commandLines) {
            assertFalse(GUI_PATH.matcher(line).find(), checked.name() + ": a GUI path shown as a command: " + line);
            assertFalse(line.contains("3389"), checked.name() + ": a fixed port instead of " + port + ": " + line);
            boolean reachesHost = line.contains("-Port") || line.contains("mstsc /v:") || line.contains("rdpcheck check")
                    || line.contains("-LocalPort");
            if (reachesHost) {
                assertTrue(line.contains(String.valueOf(port)), checked.name() + ": no port " + port + " in: " + line);
            }
            // (mstsc /v: may name the certificate's name instead, on purpose: cert.name-mismatch)
            if (line.contains("Test-NetConnection")) {
                assertTrue(line.contains(host), checked.name() + ": not the real host: " + line);
            }
        }
    }

    /** Lines printed under a "PowerShell:", "cmd:" or "bash:" label, one indent deeper. */
    static List<String> commandLines(String text) {
        List<String> lines = new ArrayList<>();
        int commandIndent = -1;
        for (String line : text.split("\n")) {
            int indent = line.length() - line.stripLeading().length();
            String stripped = line.strip();
            if (stripped.equals("PowerShell:") || stripped.equals("cmd:") || stripped.equals("bash:")) {
                commandIndent = indent + 2;
            } else if (commandIndent >= 0 && indent == commandIndent) {
                lines.add(stripped);
            } else {
                commandIndent = -1;
            }
        }
        return lines;
    }

    private static boolean isCommandLine(String text, String line) {
        return commandLines(text).contains(line.strip());
    }

    static int rows(String text, int columns) {
        int rows = 0;
        for (String line : text.split("\n", -1)) {
            rows += Math.max(1, (line.length() + columns - 1) / columns);
        }
        return text.endsWith("\n") ? rows - 1 : rows;
    }

    private static String rootCause(Report report) {
        return report.diagnoses().isEmpty() ? "" : report.diagnoses().get(0).id();
    }

    private static List<FixStep> shownSteps(Report report) {
        List<Diagnosis> diagnoses = report.diagnoses();
        return diagnoses.isEmpty() ? List.of()
                : diagnoses.get(0).fix().subList(0, Math.min(TerminalRenderer.SHORT_STEPS, diagnoses.get(0).fix().size()));
    }
}
