package rdpcheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final String TOKEN = "xoxb-1111-2222-SECRETVALUE-abcdef";

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("rdpcheck.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static ConfigException.Problem onlyProblem(ConfigException e) {
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void load_noFileNoEnvironment_givesDocumentedDefaults() throws Exception {
        Settings s = ConfigLoader.load(Optional.empty(), Map.of()).settings();
        assertEquals(Duration.ofSeconds(10), s.probe().deadline());
        assertEquals(Duration.ofSeconds(3), s.probe().connectTimeout());
        assertEquals(List.of(3389), s.policy().allowedPorts());
        assertFalse(s.policy().applyToCli());
        assertEquals(URI.create("https://teams.example/api/"), s.sections().get(TeamsSection.API_URL, URI.class));
        assertEquals(TeamsSection.Mode.SOCKET, s.sections().get(TeamsSection.MODE, TeamsSection.Mode.class));
        assertTrue(s.sections().secret(TeamsSection.BOT_TOKEN).isEmpty());
        assertTrue(s.audit().toStderr());
        assertEquals(Settings.defaults(), s);
    }

    @Test
    void load_fullFile_readsEveryValue() throws Exception {
        Path file = yaml("""
                probe:
                  deadline: 15s
                  read_timeout: 500ms
                policy:
                  apply_to_cli: true
                  allow_cidrs: [10.0.0.0/8, "fd00::/8"]
                  deny_hosts:
                    - "*.dmz.example"
                  allowed_ports: [3389, 3390]
                access:
                  teams:
                    channels: [C0123ABCD]
                    user_groups: [123456789012345678]
                teams:
                  mode: http
                  api_url: http://127.0.0.1:9999/api/
                audit:
                  path: /var/log/rdpcheck/audit.jsonl
                """);
        LoadedConfig loaded = ConfigLoader.load(Optional.of(file), Map.of());
        Settings s = loaded.settings();
        assertEquals(Duration.ofSeconds(15), s.probe().deadline());
        assertEquals(Duration.ofMillis(500), s.probe().readTimeout());
        assertTrue(s.policy().applyToCli());
        assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")), s.policy().allowCidrs());
        assertEquals(List.of(HostPattern.parse("*.dmz.example")), s.policy().denyHosts());
        assertEquals(List.of(3389, 3390), s.policy().allowedPorts());
        assertEquals(List.of("C0123ABCD"), s.sections().strings(TeamsSection.CHANNELS));
        assertEquals(List.of("123456789012345678"), s.sections().strings(TeamsSection.USER_GROUPS));
        assertEquals(TeamsSection.Mode.HTTP, s.sections().get(TeamsSection.MODE, TeamsSection.Mode.class));
        assertEquals(URI.create("http://127.0.0.1:9999/api/"), s.sections().get(TeamsSection.API_URL, URI.class));
        assertFalse(s.audit().toStderr());
        LoadedConfig.Entry deadline = loaded.entries().stream().filter(e -> e.key().equals("probe.deadline")).findFirst().orElseThrow();
        assertEquals(Origin.FILE, deadline.origin());
        assertTrue(deadline.where().endsWith("line 2"), deadline.where());
    }

    @Test
    void load_environment_overridesFileForEveryKind() throws Exception {
        Path file = yaml("teams:\n  api_url: https://file.example/api/\nprobe:\n  deadline: 15s\n");
        Map<String, String> env = Map.of(
                "RDPCHECK_TEAMS_API_URL", "http://127.0.0.1:8080/api/",
                "RDPCHECK_PROBE_DEADLINE", "20s",
                "RDPCHECK_POLICY_ALLOWED_PORTS", "3389, 3391",
                "RDPCHECK_POLICY_APPLY_TO_CLI", "true",
                "RDPCHECK_ACCESS_TEAMS_USER_GROUPS", "S01,S02");
        Settings s = ConfigLoader.load(Optional.of(file), env).settings();
        assertEquals(URI.create("http://127.0.0.1:8080/api/"), s.sections().get(TeamsSection.API_URL, URI.class));
        assertEquals(Duration.ofSeconds(20), s.probe().deadline());
        assertEquals(List.of(3389, 3391), s.policy().allowedPorts());
        assertTrue(s.policy().applyToCli());
        assertEquals(List.of("S01", "S02"), s.sections().strings(TeamsSection.USER_GROUPS));
    }

    @Test
    void everyKey_hasAnEnvironmentVariableThatWorks() throws Exception {
        // Each key's own default, given through its variable, must load: proves the naming rule covers all keys.
        for (Key key : ConfigKeys.all()) {
            String value = key.defaultText().replaceAll("^\\[|]$", "");
            LoadedConfig loaded = ConfigLoader.load(Optional.empty(), Map.of(key.envVar(), value));
            LoadedConfig.Entry entry = loaded.entries().stream().filter(e -> e.key().equals(key.path())).findFirst().orElseThrow();
            assertEquals(Origin.ENVIRONMENT, entry.origin(), key.path());
            assertEquals("RDPCHECK_" + key.path().replace('.', '_').toUpperCase(), key.envVar());
        }
    }

    @Test
    void load_unknownKey_namesKeyLineAndAllowedKeys() throws IOException {
        Path file = yaml("probe:\n  deadline: 5s\n  dedline: 5s\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        ConfigException.Problem p = onlyProblem(e);
        assertEquals("probe.dedline", p.key());
        assertTrue(p.where().endsWith("line 3"), p.where());
        assertTrue(p.message().contains("deadline") && p.message().contains("did you mean deadline?"), p.message());
    }

    @Test
    void load_unknownSection_isAnError() throws IOException {
        Path file = yaml("tems:\n  mode: http\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        ConfigException.Problem p = onlyProblem(e);
        assertEquals("tems", p.key());
        assertTrue(p.message().contains("did you mean teams?"), p.message());
    }

    @Test
    void load_wrongType_namesKeyLineAndWhatIsAllowed() throws IOException {
        Path file = yaml("probe:\n  tcp_samples: lots\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        ConfigException.Problem p = onlyProblem(e);
        assertEquals("probe.tcp_samples", p.key());
        assertTrue(p.where().endsWith("line 2"));
        assertTrue(p.message().contains("'lots' is not a whole number") && p.message().contains("from 1 to 20"), p.message());
    }

    @Test
    void load_badValues_allReportedAtOnce() throws IOException {
        Path file = yaml("""
                probe:
                  deadline: 10 seconds
                  tcp_samples: 99
                policy:
                  allow_cidrs: [10.0.0.1/8]
                  allowed_ports: [0]
                  apply_to_cli: yes please
                teams:
                  mode: carrier-pigeon
                  api_url: ftp://teams.com/api/
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        List<String> keys = e.problems().stream().map(ConfigException.Problem::key).toList();
        assertEquals(List.of("probe.deadline", "probe.tcp_samples", "policy.apply_to_cli", "policy.allow_cidrs",
                "policy.allowed_ports", "teams.mode", "teams.api_url"), keys);
        String all = e.getMessage();
        assertTrue(all.contains("did you mean 10.0.0.0/8?"), all);
        assertTrue(all.contains("one of socket, http"), all);
        assertTrue(all.contains("line 9"), all);
    }

    @Test
    void load_listWhereValueExpected_andValueWhereListExpected_areErrors() throws IOException {
        Path file = yaml("probe:\n  deadline: [1s]\npolicy:\n  allowed_ports: 3389\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        assertEquals(2, e.problems().size());
        assertTrue(e.problems().get(0).message().startsWith("expected one value, found a list"));
        assertTrue(e.problems().get(1).message().contains("write [3389]"), e.problems().get(1).message());
    }

    @Test
    void load_sectionGivenAValue_andEmptyValue_areErrors() throws IOException {
        Path file = yaml("probe: fast\ncache:\n  ttl:\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("is a section"));
        assertTrue(e.problems().get(1).message().contains("has no value"));
    }

    @Test
    void load_duplicateKey_isAnError() throws IOException {
        Path file = yaml("probe:\n  deadline: 5s\n  deadline: 6s\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        assertTrue(onlyProblem(e).message().contains("twice"));
    }

    @Test
    void load_notYaml_reportsLine() throws IOException {
        Path file = yaml("probe:\n  deadline: 5s\n bad: [\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        ConfigException.Problem p = onlyProblem(e);
        assertTrue(p.message().startsWith("not valid YAML"), p.message());
        assertTrue(p.where().matches(".* line \\d+"), p.where());
    }

    @Test
    void load_missingFile_saysSo() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Optional.of(dir.resolve("nope.yaml")), Map.of()));
        assertTrue(onlyProblem(e).message().contains("no such file"));
    }

    @Test
    void load_emptyFile_givesDefaults() throws Exception {
        assertEquals(Settings.defaults(), ConfigLoader.load(Optional.of(yaml("")), Map.of()).settings());
    }

    @Test
    void load_badEnvironmentValue_namesVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_TEAMS_HTTP_PORT", "70000")));
        ConfigException.Problem p = onlyProblem(e);
        assertEquals("teams.http_port", p.key());
        assertEquals("environment RDPCHECK_TEAMS_HTTP_PORT", p.where());
        assertTrue(p.message().contains("from 1 to 65535"));
    }

    @Test
    void load_unknownRdpcheckVariable_isAWarning() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_TEMS_API_URL", "x"));
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).contains("RDPCHECK_TEMS_API_URL"));
    }

    @Test
    void load_logLevelVariable_isKnown_notCalledIgnored() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_LOG_LEVEL", "DEBUG"));
        assertEquals(List.of(), loaded.warnings(), "the log setup reads RDPCHECK_LOG_LEVEL: it is not ignored");
    }

    @Test
    void load_launcherVariables_areKnown_notCalledIgnored() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_JAVA_OPTS", "-Xmx1g",
                "RDPCHECK_ARCHIVE", "off", "RDPCHECK_JAR", "/app/rdpcheck.jar"));
        assertEquals(List.of(), loaded.warnings(), "bin/rdpcheck reads them: they are not ignored");
    }

    @Test
    void load_bindAddresses_defaultEveryInterface_literalsOnly() throws Exception {
        Settings defaults = ConfigLoader.load(Optional.empty(), Map.of()).settings();
        assertTrue(defaults.sections().get(TeamsSection.HTTP_BIND, java.net.InetAddress.class).isAnyLocalAddress());
        assertTrue(defaults.metrics().bind().isAnyLocalAddress());
        Settings local = ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_TEAMS_HTTP_BIND", "127.0.0.2",
                "RDPCHECK_METRICS_BIND", "::1")).settings();
        assertEquals("127.0.0.2", local.sections().get(TeamsSection.HTTP_BIND, java.net.InetAddress.class).getHostAddress());
        assertTrue(local.metrics().bind().isLoopbackAddress());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_METRICS_BIND", "metrics.example")));
        assertEquals("metrics.bind", onlyProblem(e).key(), "a name would need a lookup: addresses only");
    }

    // --- secrets -------------------------------------------------------------------------------

    @Test
    void load_tokenInTheWrongKey_isAnErrorThatNeverPrintsIt() throws IOException {
        Path file = yaml("teams:\n  mode: " + TOKEN + "\n  api_url: https://" + TOKEN + "/api/\n  http_port: " + TOKEN
                + "\nprobe:\n  deadline: " + TOKEN + "\naccess:\n  teams:\n    user_groups: [123, " + TOKEN + "]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file),
                Map.of("RDPCHECK_ACCESS_TEAMS_CHANNELS", "C1," + TOKEN)));
        assertEquals(6, e.problems().size(), e.getMessage());
        for (ConfigException.Problem p : e.problems()) {
            assertTrue(p.message().contains("looks like a token"), p.toString());
        }
        assertFalse(e.getMessage().contains("SECRETVALUE"), e.getMessage());
    }

    @Test
    void load_configuredSecretMistypedIntoAnotherKey_isMasked() {
        String signing = "8f742231b10e8888abcd99aaabbb85a5";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("RDPCHECK_TEAMS_SIGNING_SECRET", signing, "RDPCHECK_TEAMS_MODE", signing)));
        assertEquals("teams.mode", onlyProblem(e).key());
        assertFalse(e.getMessage().contains(signing), e.getMessage());
    }

    @Test
    void load_tokenGivenAsTheConfigPath_isNotPrinted() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Optional.of(dir.resolve(TOKEN)), Map.of()));
        assertFalse(e.getMessage().contains("SECRETVALUE"), e.getMessage());
    }

    @Test
    void load_secretInYaml_isAnErrorThatSaysHowToFixIt_andNeverEchoesIt() throws IOException {
        Path file = yaml("teams:\n  bot_token: " + TOKEN + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        ConfigException.Problem p = onlyProblem(e);
        assertEquals("teams.bot_token", p.key());
        assertTrue(p.where().endsWith("line 2"));
        assertTrue(p.message().contains("RDPCHECK_TEAMS_BOT_TOKEN") && p.message().contains("teams.bot_token_file"), p.message());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void load_secretFromEnvironment_isMaskedEverywhere() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_TEAMS_BOT_TOKEN", TOKEN,
                "RDPCHECK_TEAMS_APP_TOKEN", "app-" + TOKEN));
        assertEquals(TOKEN, loaded.settings().sections().secret(TeamsSection.BOT_TOKEN).orElseThrow().reveal());
        assertFalse(loaded.settings().toString().contains(TOKEN));
        assertFalse(loaded.settings().sections().toString().contains("SECRETVALUE"));
        String printed = SettingsPrinter.print(loaded);
        assertFalse(printed.contains("SECRETVALUE"), printed);
        assertTrue(printed.contains("teams.bot_token"));
        assertTrue(printed.contains(Secret.MASK));
        assertEquals(2, loaded.settings().secrets().size());
    }

    @Test
    void load_secretFromFileNamedInConfig_isRead() throws Exception {
        Path tokenFile = dir.resolve("bot-token");
        Files.writeString(tokenFile, TOKEN + "\n");
        Path file = yaml("teams:\n  bot_token_file: " + tokenFile + "\n");
        LoadedConfig loaded = ConfigLoader.load(Optional.of(file), Map.of());
        Secret secret = loaded.settings().sections().secret(TeamsSection.BOT_TOKEN).orElseThrow();
        assertEquals(TOKEN, secret.reveal());
        assertEquals("file " + tokenFile, secret.origin());
        assertFalse(SettingsPrinter.print(loaded).contains(TOKEN));
    }

    @Test
    void load_secretFileProblems_areErrors() throws IOException {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "  \n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("RDPCHECK_TEAMS_BOT_TOKEN_FILE", empty.toString(),
                        "RDPCHECK_TEAMS_APP_TOKEN_FILE", dir.resolve("missing").toString())));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("no such file"));
        assertTrue(e.getMessage().contains("the file is empty"));
    }

    @Test
    void load_secretInBothEnvironmentAndFile_isAnError() throws IOException {
        Path tokenFile = dir.resolve("t");
        Files.writeString(tokenFile, TOKEN);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("RDPCHECK_TEAMS_BOT_TOKEN", TOKEN, "RDPCHECK_TEAMS_BOT_TOKEN_FILE", tokenFile.toString())));
        assertTrue(onlyProblem(e).message().contains("keep one"));
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void secret_toStringIsMasked() {
        Secret secret = Secret.of(TOKEN, "test");
        assertEquals("****", secret.toString());
        assertEquals("****", String.valueOf(secret));
        assertFalse(Optional.of(secret).toString().contains(TOKEN));
    }

    @Test
    void printer_listsEveryKeyWithOrigin() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_PROBE_DEADLINE", "7s"));
        String printed = SettingsPrinter.print(loaded);
        for (Key key : ConfigKeys.all()) {
            assertTrue(printed.contains(key.path() + " "), key.path());
        }
        assertTrue(printed.contains("probe.deadline") && printed.contains("= 7s   (RDPCHECK_PROBE_DEADLINE)"), printed);
        assertTrue(printed.contains("teams.bot_token") && printed.contains("(not set)"));
    }

    @Test
    void load_cacheMaxEntriesZero_refusedByTheLoaderNotLater() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_CACHE_MAX_ENTRIES", "0")));
        ConfigException.Problem p = onlyProblem(e);
        assertEquals("cache.max_entries", p.key());
    }

    @Test
    void load_misspeltVariable_warnedByName() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_TEAMS_BOT_TOKN", "xoxb-1"));
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.contains("RDPCHECK_TEAMS_BOT_TOKN")), loaded.warnings().toString());
        assertFalse(loaded.warnings().stream().anyMatch(w -> w.contains("xoxb-1")), "the value is never repeated");
    }

    @Test
    void load_sectionRuleAcrossKeys_isAProblemNamingTheKeyAndWhere() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("RDPCHECK_TEAMS_BOT_TOKEN", TOKEN, "RDPCHECK_TEAMS_MODE", "http")));
        ConfigException.Problem p = onlyProblem(e);
        assertEquals("teams.signing_secret", p.key());
        assertEquals("not set", p.where());
        assertTrue(p.message().contains("signing secret"), p.message());
    }

    @Test
    void keys_sectionFoundByServiceLoader_comeAfterTheCoreKeys() {
        List<String> paths = ConfigKeys.all().stream().map(Key::path).toList();
        assertTrue(paths.indexOf("teams.mode") > paths.indexOf("fleet.max_targets"), paths.toString());
        assertEquals(List.of("teams"), ConfigKeys.sections().stream().map(SettingsSection::name).toList());
        assertTrue(SettingsPrinter.keysMarkdown().contains("| `teams.bot_token` | `RDPCHECK_TEAMS_BOT_TOKEN` | (secret) |"));
    }
}
