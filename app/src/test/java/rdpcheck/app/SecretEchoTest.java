package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import rdpcheck.app.logging.LogRedaction;
import rdpcheck.chat.policy.Redactor;

/** Tokens in the wrong place are refused without being printed: config check, serve's start-up, a library's words. */
class SecretEchoTest {

    private static final String DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.EchoedTokenPart0123456789abcdefgh";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void reset() {
        LogRedaction.install(Redactor.none());
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void serve_libraryMessageQuotingTheToken_isMaskedInTheConnectFailure() {
        // JDA refuses a token with a blank and quotes it; serve's reconnector shows the failure in
        // its log line and on /health.
        rdpcheck.chat.ConnectFailure failure = rdpcheck.chat.NetworkFailures.classifyOrOther(
                new IllegalArgumentException("Token may not contain blanks. Provided: \"Bot " + DISCORD + "\""), "discord");
        assertFalse(failure.describe().contains("EchoedTokenPart"), failure.describe());
    }

    @Test
    void configCheck_tokenInAListKey_exits2WithoutPrintingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("rdpcheck.yaml"), "access:\n  discord:\n    guilds: [" + DISCORD + "]\n");
        assertEquals(2, run("config", "check", "--config", file.toString()), out.toString());
        assertFalse((out + "" + err).contains("EchoedTokenPart"), err.toString());
    }

    @Test
    void configCheck_tokenAsTheConfigPath_isNotPrinted() {
        assertEquals(2, run("config", "check", "--config", "xoxb-1234567890-1234567890-PathTokenValue"));
        assertFalse((out + "" + err).contains("PathTokenValue"), err.toString());
    }
}
