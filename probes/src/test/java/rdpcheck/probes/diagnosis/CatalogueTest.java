package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The knowledge base as a table: every id, every step, every placeholder. */
class CatalogueTest {

    static final Set<String> WHERE = Set.of("server", "client", "domain controller", "network");
    static final Set<String> COMMON_FACTS = Set.of("host", "port", "target");

    static Stream<String> ids() {
        return Catalogue.IDS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void playbook_loads_withItsOwnIdAndValidLevels(String id) {
        Playbook playbook = Catalogue.playbook(id);
        assertEquals(id, playbook.id());
        playbook.severityValue();
        playbook.confidenceValue();
        assertFalse(playbook.title().isBlank(), id + " title");
        assertFalse(playbook.summary().isBlank(), id + " summary");
        assertFalse(playbook.explanation().isBlank(), id + " explanation");
        assertTrue(playbook.layer() >= 0 && playbook.layer() <= 100, id + " layer");
        for (String hidden : playbook.hides()) {
            assertTrue(hidden.equals(Ranking.EVERYTHING) || Catalogue.contains(hidden), id + " hides unknown " + hidden);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void everyStep_isACommandWithItsShell_aPathOrANote_withAccessAndVerify(String id) {
        Playbook playbook = Catalogue.playbook(id);
        assertFalse(playbook.steps().isEmpty(), id + " has no fix steps");
        for (Playbook.Step step : playbook.steps()) {
            assertTrue(WHERE.contains(step.where()), id + ": where '" + step.where() + "'");
            assertFalse(blank(step.action()), id + ": a step without action");
            assertEquals(List.of(), step.problems(), id);
            assertFalse(blank(step.verify()), id + ": step '" + step.action() + "' has no verify");
            if (step.kind() == FixStep.Kind.COMMAND) {
                for (String line : step.command().split("\n")) {
                    // "certlm.msc > Personal > ..." pasted into cmd creates files named Personal...
                    assertFalse(line.matches("^[A-Za-z][\\w .]*( > [^>|]+){2,}$"), id + ": a GUI path written as a command: " + line);
                }
            }
        }
    }

    /**
     * What each shell does with the text pasted into it: cmd takes ';' as an argument separator
     * (not between commands: "w32tm /query /status; w32tm /query /source" is one w32tm with bad
     * arguments) and knows no $variables; the PowerShell-only cmdlets do not exist in cmd.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void commands_areWrittenInTheSyntaxOfTheirShell(String id) {
        for (Playbook.Step step : Catalogue.playbook(id).steps()) {
            if (step.command() == null || step.command().isBlank()) {
                continue;
            }
            for (String line : step.command().split("\n")) {
                if ("cmd".equals(step.shell())) {
                    assertFalse(line.contains(";"), id + ": ';' does not separate commands in cmd: " + line);
                    assertFalse(line.matches(".*(\\$\\w|\\b[A-Z][a-z]+-[A-Z][A-Za-z]+\\b).*"),
                            id + ": PowerShell syntax in a cmd step: " + line);
                }
                if ("powershell".equals(step.shell())) {
                    assertFalse(line.matches(".*%[A-Za-z_]+%.*"), id + ": a cmd %variable% in a PowerShell step: " + line);
                }
            }
        }
    }

    @Test
    void stepsThatReachTheHost_carryItsRealPort() {
        Map<String, String> facts = new HashMap<>();
        for (String id : Catalogue.IDS) {
            Playbook playbook = Catalogue.playbook(id);
            for (Playbook.Step step : playbook.steps()) {
                for (String line : (step.command() + "\n" + step.verify()).split("\n")) {
                    // the host's port, or for steps about its RD Gateway the gateway's
                    if (line.contains("Test-NetConnection") && line.contains("-Port")) {
                        assertTrue(line.contains("-Port {{port}}") || line.contains("-Port {{gatewayPort}}"), id + ": " + line);
                    }
                    if (line.contains("mstsc /v:")) {
                        assertTrue(line.contains(":{{port}}"), id + ": " + line);
                    }
                    assertFalse(line.contains("3389"), id + ": a fixed port instead of {{port}}: " + line);
                }
            }
        }
    }

    @Test
    void healthyChecklist_startsFromTheUsersNetwork_andDeletesNothingBeforeTheEnd() {
        List<Playbook.Step> steps = Catalogue.playbook("healthy").steps();
        assertTrue(steps.get(0).command().contains("Test-NetConnection -ComputerName {{host}} -Port {{port}}"), steps.get(0).command());
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).command().contains("reg delete")) {
                assertEquals("destructive", steps.get(i).access(), "a registry delete is destructive");
                assertTrue(Boolean.TRUE.equals(steps.get(i).admin()), "HKLM needs an administrator");
                assertEquals(steps.size() - 1, i, "the licence cache is the last resort");
            }
        }
    }

    @Test
    void tlsLegacyOnly_checksKb3080079BeforeTouchingSchannel() {
        List<Playbook.Step> steps = Catalogue.playbook("tls.legacy-only").steps();
        assertTrue(steps.get(0).command().contains("KB3080079"), steps.get(0).command());
        assertTrue(steps.get(1).command().contains("SCHANNEL"), steps.get(1).command());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void placeholders_areExactlyTheDeclaredFacts(String id) {
        Playbook playbook = Catalogue.playbook(id);
        Set<String> used = placeholders(playbook);
        for (Playbook.Step step : playbook.steps()) {
            if (step.when() != null) {
                used.add(step.when());
            }
            if (step.unless() != null) {
                used.add(step.unless());
            }
        }
        Set<String> declared = new LinkedHashSet<>(playbook.facts());
        declared.addAll(COMMON_FACTS);
        for (String name : used) {
            assertTrue(declared.contains(name), id + " uses undeclared placeholder {{" + name + "}}");
        }
        for (String name : playbook.facts()) {
            assertTrue(used.contains(name), id + " declares fact " + name + " it never uses");
        }
        // With every declared fact supplied, rendering leaves no placeholder behind.
        Map<String, String> facts = new HashMap<>();
        declared.forEach(name -> facts.put(name, "<" + name + ">"));
        Diagnosis rendered = playbook.render(new Match(id, facts, List.of("seen"), java.util.Optional.empty(),
                java.util.Optional.empty()));
        String all = String.join("\n", rendered.title(), rendered.explanation(), String.join("\n", rendered.explains()),
                String.join("\n", rendered.fix().stream().map(s -> s.action() + s.command() + s.pathText() + s.verify() + s.where()).toList()));
        assertFalse(all.contains("{{"), id + " left a placeholder: " + all);
    }

    @Test
    void placeholder_withoutFact_failsLoudly() {
        try {
            Template.fill("expired on {{notAfter}}", Map.of());
            fail("a missing fact must not render");
        } catch (Template.MissingFactException e) {
            assertEquals("notAfter", e.name());
        }
    }

    @Test
    void factValuesFromTheHost_areInsertedLiterally_neverExpandedAgain() {
        // A certificate subject or service banner is host-controlled text.
        String filled = Template.fill("name {{looksLike}} on {{port}}", Map.of("looksLike", "{{port}} $1 \\ ${x}", "port", "3389"));
        assertEquals("name {{port}} $1 \\ ${x} on 3389", filled);
    }

    @Test
    void resourceDirectory_holdsExactlyTheCatalogue() throws IOException, URISyntaxException {
        URL dir = CatalogueTest.class.getResource(Catalogue.RESOURCE_DIR + "healthy.yaml");
        Path folder = Path.of(dir.toURI()).getParent();
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> p.toString().endsWith(".yaml"))
                    .forEach(p -> files.add(p.getFileName().toString().replaceFirst("\\.yaml$", "")));
        }
        assertEquals(new java.util.TreeSet<>(Catalogue.IDS), new java.util.TreeSet<>(files));
    }

    @Test
    void foundationIds_fromDesign_areAllInTheCatalogue() {
        for (String id : List.of("dns.unresolvable", "tcp.refused", "tcp.timeout", "rdp.not-rdp", "rdp.silent",
                "rdp.legacy-server", "cert.expired", "cert.not-yet-valid", "cert.expiring-soon", "cert.self-signed",
                "cert.name-mismatch", "cert.weak-key", "cert.weak-signature", "cert.missing-server-auth",
                "tls.legacy-only", "tls.handshake-failed", "security.ssl-not-allowed", "security.ssl-cert-not-on-server",
                "security.nla-required", "security.nla-not-enforced", "security.weak-encryption", "nla.clock-skew",
                "latency.high", "healthy")) {
            assertTrue(Catalogue.contains(id), id);
        }
    }

    @Test
    void stepsThatSetAValueWithAPolicyTwin_readBothKeys() {
        // SecurityLayer, UserAuthentication, MinEncryptionLevel and fDenyTSConnections live under the
        // policy key and the local key; a step that reads one must read the other (the policy wins).
        for (String id : Catalogue.IDS) {
            for (Playbook.Step step : Catalogue.playbook(id).steps()) {
                String command = step.command();
                for (String value : List.of("SecurityLayer", "UserAuthentication", "MinEncryptionLevel", "fDenyTSConnections")) {
                    if (command.contains("reg query") && command.contains("/v " + value)) {
                        assertTrue(command.contains("SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services"),
                                id + ": reads " + value + " without the policy key");
                    }
                }
            }
        }
    }

    @Test
    void wmicAndGetWmiObject_appearOnlyAsCommentedLegacyLines_afterTheirCimCommand() {
        // wmic is off by default from Windows 11 24H2 / Server 2025 and removed in 25H2; Get-WmiObject
        // is not in PowerShell 7. A step runs the CIM cmdlets, and offers the old tools to legacy hosts only.
        java.util.regex.Pattern retired = java.util.regex.Pattern.compile("(?i)\\bwmic\\b|Get-WmiObject");
        for (String id : Catalogue.IDS) {
            for (Playbook.Step step : Catalogue.playbook(id).steps()) {
                List<String> lines = step.command().lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!retired.matcher(line).find()) {
                        continue;
                    }
                    assertTrue(line.startsWith("#"), id + ": step '" + step.action() + "' runs a retired tool: " + line);
                    List<String> before = lines.subList(0, i);
                    assertTrue(before.stream().anyMatch(l -> !l.strip().startsWith("#") && l.contains("-Cim")),
                            id + ": step '" + step.action() + "' offers " + line + " without a CIM command first");
                    assertTrue(lines.stream().anyMatch(l -> l.strip().startsWith("# Legacy")),
                            id + ": step '" + step.action() + "' does not say the old tool is for legacy hosts");
                }
            }
        }
    }

    static Set<String> placeholders(Playbook playbook) {
        StringBuilder text = new StringBuilder();
        text.append(playbook.title()).append(playbook.summary()).append(playbook.codes()).append(playbook.explanation());
        playbook.explains().forEach(text::append);
        playbook.steps().forEach(s -> text.append(s.where()).append(s.action()).append(s.command()).append(String.join(" ", s.navigate())).append(s.verify()));
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = Template.PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
