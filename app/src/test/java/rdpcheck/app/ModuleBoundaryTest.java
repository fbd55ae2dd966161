package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The wire codecs in the probes' packages (ConnectionRequest, Tpkt, NtlmChallengeMessage, ...) are
 * public for one reason: the lab speaks the server side of the same messages. Every other module
 * sees the probe API (the root package), the report and diagnosis packages, and from a probe's own
 * package only the probe (its {@code ID}) and what it found ({@code *Result}).
 */
class ModuleBoundaryTest {

    private static final List<String> BEYOND_THE_PROBES = List.of("checks", "chat", "chat-slack", "chat-discord", "app");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?rdpcheck\\.probes\\.([a-z.]+)\\.([A-Z]\\w*)",
            Pattern.MULTILINE);

    @Test
    void modulesBeyondProbesAndLab_useNoWireCodec() throws IOException {
        List<String> found = new ArrayList<>();
        int imports = 0;
        for (String module : BEYOND_THE_PROBES) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertTrue(Files.isDirectory(sources), sources.toString());
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = IMPORT.matcher(Files.readString(file));
                    while (m.find()) {
                        imports++;
                        if (!allowed(m.group(1), m.group(2))) {
                            found.add(module + ": " + file.getFileName() + " imports rdpcheck.probes." + m.group(1) + "."
                                    + m.group(2));
                        }
                    }
                }
            }
        }
        assertTrue(imports > 10, "the scan found the modules' imports of the probes: " + imports);
        assertEquals(List.of(), found, "a wire codec used beyond the probes and the lab: give the module a result"
                + " type or report field instead");
    }

    private static boolean allowed(String subpackage, String type) {
        return subpackage.equals("report") || subpackage.equals("diagnosis")
                || type.endsWith("Probe") || type.endsWith("Probes") || type.endsWith("Result");
    }
}
