package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void configCheck_validFile_printsEffectiveSettingsWithLines() throws Exception {
        Path file = dir.resolve("rdpcheck.yaml");
        Path token = dir.resolve("token");
        Files.writeString(token, "xoxb-9999-SUPERSECRET");
        Path appToken = Files.writeString(dir.resolve("app-token"), "xapp-1-A0RDPCHECK-0000000000000-testtesttest");
        Files.writeString(file, "probe:\n  deadline: 20s\nslack:\n  bot_token_file: " + token + "\n  app_token_file: "
                + appToken + "\n");
        assertEquals(0, run("config", "check", "--config", file.toString()), err.toString());
        String printed = out.toString();
        assertTrue(printed.contains("probe.deadline") && printed.contains("= 20s") && printed.contains("line 2"), printed);
        assertTrue(printed.contains("slack.bot_token ") && printed.contains("****"), printed);
        assertFalse(printed.contains("SUPERSECRET"), printed);
        assertTrue(printed.contains("configuration OK"));
    }

    @Test
    void configCheck_problems_exit2_andNameKeyAndLine() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "probe:\n  deadline: soon\nslack:\n  bot_token: xoxb-1-LEAKED\n");
        assertEquals(2, run("config", "check", "--config", file.toString()));
        String printed = err.toString();
        assertTrue(printed.contains("2 problems"), printed);
        assertTrue(printed.contains("line 2: probe.deadline: 'soon' is not a duration"), printed);
        assertTrue(printed.contains("line 4: slack.bot_token") && printed.contains("RDPCHECK_SLACK_BOT_TOKEN"), printed);
        assertFalse(printed.contains("LEAKED"), printed);
    }

    @Test
    void check_badConfig_exit2BeforeProbing() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "nonsense: 1\n");
        assertEquals(2, run("check", "127.0.0.1:1", "--config", file.toString()));
        assertTrue(err.toString().contains("nonsense: unknown key"), err.toString());
    }

    @Test
    void check_applyToCli_refusesDeniedTarget() throws Exception {
        Path file = dir.resolve("strict.yaml");
        Files.writeString(file, "policy:\n  apply_to_cli: true\n");
        assertEquals(2, run("check", "169.254.169.254", "--config", file.toString()));
        assertTrue(err.toString().contains("metadata"), err.toString());
    }

    @Test
    void configKeys_listsEveryKeyWithItsVariable() {
        assertEquals(0, run("config", "keys"));
        assertTrue(out.toString().contains("slack.api_url") && out.toString().contains("RDPCHECK_SLACK_API_URL")
                && out.toString().contains("https://slack.com/api/"), out.toString());
    }

    @Test
    void configCheck_slackTokenWithoutTheAppToken_exit2_saysWhatToSet() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "xoxb-9999-SUPERSECRET");
        Path file = Files.writeString(dir.resolve("half.yaml"), "slack:\n  bot_token_file: " + token + "\n");
        assertEquals(2, run("config", "check", "--config", file.toString()));
        String printed = err.toString();
        assertTrue(printed.contains("not set: slack.app_token: Socket Mode needs an app-level token")
                && printed.contains("RDPCHECK_SLACK_APP_TOKEN"), printed);
        assertFalse(printed.contains("SUPERSECRET"), printed);
    }

    @Test
    void configCheck_sectionOfAPlatformNotInstalled_namesTheKnownOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("teams.yaml"), "teams:\n  app_id: x\n");
        assertEquals(2, run("config", "check", "--config", file.toString()));
        String printed = err.toString();
        assertTrue(printed.contains("teams: unknown key") && printed.contains("discord") && printed.contains("slack"), printed);
    }

    /** The README's table of settings is what `config keys --markdown` prints: docs and behaviour cannot drift. */
    @Test
    void readme_configurationTable_isTheGeneratedOne() throws Exception {
        assertEquals(0, run("config", "keys", "--markdown"));
        String generated = out.toString();
        String readme = Files.readString(Path.of("..", "README.md"));
        String begin = "<!-- config keys: generated by `rdpcheck config keys --markdown` -->\n";
        String end = "<!-- end of config keys -->";
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        assertTrue(from >= 0 && to > from, "README.md has no generated configuration table");
        assertEquals(generated, readme.substring(from + begin.length(), to),
                "README.md's configuration table is out of date: replace it with `java -jar app/target/rdpcheck.jar config keys --markdown`");
    }
}
