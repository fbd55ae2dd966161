package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Internal errors in words; the command tree a command line gets (only the subcommand it names). */
class MainTest {

    @Test
    void internalError_saysOneLineInWords_andWhereTheRedactedTraceIs(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        IllegalStateException bug = new IllegalStateException("state was xoxb-1234567890-1234567890123-abcdefabcdefabcd",
                new NullPointerException("Cannot invoke \"String.length()\""));

        int code = Main.internalError(bug, new PrintWriter(err), dir);

        assertEquals(Main.EXIT_INTERNAL_ERROR, code);
        String said = err.toString();
        assertEquals(1, said.lines().count(), said);
        assertFalse(said.matches("(?s).*(Exception|Error\\b|java\\.|\\bat [a-z]).*"), "no class names or trace: " + said);
        assertFalse(said.contains("xoxb-"), said);
        Matcher file = Pattern.compile("the details are in (\\S+)\\.$").matcher(said.strip());
        assertTrue(file.find(), said);
        String trace = Files.readString(Path.of(file.group(1)));
        assertTrue(trace.contains("IllegalStateException") && trace.contains("Caused by"), trace);
        assertFalse(trace.contains("xoxb-1234567890"), "the trace file is redacted too");
    }

    @Test
    void internalError_whenNoFileCanBeWritten_saysHowToSeeTheDetails(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        Main.internalError(new RuntimeException("x"), new PrintWriter(err), dir.resolve("missing"));
        assertTrue(err.toString().contains("RDPCHECK_LOG_LEVEL=DEBUG"), err.toString());
        assertFalse(err.toString().contains("RuntimeException"), err.toString());
    }

    @Test
    void subcommandNamed_knowsExactlyTheSubcommandsOfMainsAnnotation() {
        Map<String, Class<?>> annotated = new LinkedHashMap<>();
        for (Class<?> subcommand : Main.class.getAnnotation(Command.class).subcommands()) {
            if (subcommand.getName().startsWith("rdpcheck.")) {
                annotated.put(subcommand.getAnnotation(Command.class).name(), subcommand);
            }
        }
        annotated.forEach((name, type) -> assertEquals(type, Main.subcommandNamed(name), name));
        assertNull(Main.subcommandNamed("help"));
        assertNull(Main.subcommandNamed("chekc"));
    }

    @Test
    void commandLineFor_aNamedSubcommand_buildsThatOneAlone_underRdpcheck() {
        CommandLine line = Main.commandLineFor("check", "rdp01");
        assertEquals(java.util.Set.of("check"), line.getSubcommands().keySet());
        assertEquals("rdpcheck check", line.getSubcommands().get("check").getCommandSpec().qualifiedName());
    }

    @Test
    void commandLineFor_helpOrATypo_buildsTheWholeTree() {
        assertEquals(Main.class.getAnnotation(Command.class).subcommands().length,
                Main.commandLineFor("help").getSubcommands().size());
        assertEquals(Main.class.getAnnotation(Command.class).subcommands().length,
                Main.commandLineFor("chekc", "rdp01").getSubcommands().size());
    }

    @Test
    void version_printsWhatPicocliPrints() {
        StringWriter fast = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(fast), new PrintWriter(new StringWriter()), "--version"));
        StringWriter picocli = new StringWriter();
        CommandLine whole = new CommandLine(new Main());
        whole.setOut(new PrintWriter(picocli));
        whole.printVersionHelp(new PrintWriter(picocli));
        assertEquals(picocli.toString().strip(), fast.toString().strip());
    }
}
