package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.report.ReportJson;

/**
 * The shaded {@code app/target/rdpcheck.jar} itself, run as users run it (failsafe, after
 * {@code package}): unit tests run on Maven's class path, so a dependency the shade plugin leaves
 * out (or one excluded on purpose, such as JDA's voice crypto) would only show here.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "rdpcheck.jar");

    private record Run(int exit, String out) {
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by the package phase");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", ""), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the jar finished");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void jar_checkJson_labHost_printsAValidReport() throws Exception {
        try (LabHost host = LabHost.start("jar-nla", LabHosts.windowsServer2019Nla())) {
            Run run = java("check", "--json", "--timeout", "10", host.target().input());
            assertTrue(run.exit() == 0 || run.exit() == 1, run.out());
            JsonNode node = ReportJson.mapper().readTree(run.out().strip());
            assertEquals(List.of(), ReportSchemaTest.errors(node), run.out());
            assertEquals("completed", node.path("findings").path("credssp").path("status").asText(), run.out());
        }
    }

    @Test
    void jar_demoWithoutInput_checksEveryDemoHost() throws Exception {
        Run run = java("demo");
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("security.ssl-not-allowed"), run.out());
        assertTrue(!run.out().contains("Exception"), run.out());
    }

    @Test
    void jar_explainAndVersion_work() throws Exception {
        assertEquals(0, java("explain", "0x904").exit());
        Run version = java("--version");
        assertEquals(0, version.exit(), version.out());
    }
}
