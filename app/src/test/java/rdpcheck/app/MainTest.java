package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
