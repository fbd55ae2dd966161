package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class ExplainCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        commandLine.setExitCodeExceptionMapper(e -> Main.EXIT_USAGE);
        commandLine.setParameterExceptionHandler((e, a) -> Main.EXIT_USAGE);
        return commandLine.execute(args);
    }

    @Test
    void explain_0x904_0x7_knownExitsZero() {
        assertEquals(0, run("explain", "0x904", "0x7"));
        assertTrue(out.toString().contains("Socket closed."), out.toString());
        assertTrue(out.toString().contains("exDiscReasonServerDeniedConnection"), out.toString());
    }

    @Test
    void explain_unknownCode_exitsOneAndSaysSo() {
        assertEquals(1, run("explain", "0x9999"));
        assertTrue(out.toString().contains("is not a documented"), out.toString());
    }

    @Test
    void explain_notANumber_exitsTwo() {
        assertEquals(2, run("explain", "banana"));
        assertTrue(err.toString().contains("not an error code: 'banana'"), err.toString());
    }

    @Test
    void explain_goodCodeThenGarbage_namesOnlyTheBadArgument() {
        assertEquals(2, Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "explain", "0x904", "garbage"));
        assertTrue(err.toString().contains("not an error code: 'garbage'") && !err.toString().contains("0x904 garbage"), err.toString());
    }

    @Test
    void explain_sspiCodeFromTheAuthenticationErrorDialog_isDocumented() {
        assertEquals(0, run("explain", "0x80090322"));
        assertTrue(out.toString().contains("SEC_E_WRONG_PRINCIPAL") && out.toString().contains("setspn"), out.toString());
    }

    @Test
    void explain_withoutCode_exitsTwo() {
        assertEquals(2, run("explain"));
    }

    @Test
    void noArguments_printsTheCommands_exitsTwo_withoutTheDoubledName() {
        assertEquals(2, Main.run(new PrintWriter(out, true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("Usage: rdpcheck") && err.toString().contains("check"), err.toString());
        assertFalse(err.toString().contains("rdpcheck rdpcheck"), err.toString());
    }

    @Test
    void badOptionOfASubcommand_pointsAtThatSubcommandsHelp() {
        assertEquals(2, Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "check", "--no-such-option", "h"));
        assertTrue(err.toString().contains("Try 'rdpcheck check --help'."), err.toString());
    }
}
