package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.report.ReportJson;

/**
 * {@code bin/rdpcheck} against the packaged jar (failsafe, after {@code package}): the JVM options
 * each kind of command gets, and that an archive that does not fit never shows — the command runs
 * and its output is what {@code java -jar} prints.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "rdpcheck").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "rdpcheck.jar").toAbsolutePath();
    private static final Pattern WOULD_RECORD = Pattern.compile("archive: none \\((rdpcheck-[0-9]+-[0-9]+\\.(jsa|aot));");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("RDPCHECK_"));
        builder.environment().put("RDPCHECK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("RDPCHECK_JAVA_OPTS", "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", ""));
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] err = process.getErrorStream().readAllBytes();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished: " + command);
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Run launcher(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        return run(env, command);
    }

    private static Run javaJar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(Map.of(), command);
    }

    private Map<String, String> inDir(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("RDPCHECK_ARCHIVE_DIR", dir.toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void dryRun_eachKindOfCommand_getsItsOwnJvmOptions() throws Exception {
        Map<String, String> dryRun = inDir("RDPCHECK_LAUNCHER", "dry-run");
        String single = launcher(dryRun, "check", "--timeout", "5", "rdp01").out();
        assertTrue(single.contains("-XX:TieredStopAtLevel=1") && single.contains("-XX:+UseSerialGC") && single.contains("-Xmx"), single);
        String explain = launcher(dryRun, "explain", "0x904").out();
        assertTrue(explain.contains("-XX:TieredStopAtLevel=1") && explain.contains("-Xmx"), explain);
        String fleet = launcher(dryRun, "check", "rdp01", "rdp02").out();
        assertTrue(fleet.contains("-XX:TieredStopAtLevel=1") && !fleet.contains("-Xmx"), fleet);
        String targets = launcher(dryRun, "check", "--targets", "farm.txt").out();
        assertTrue(targets.contains("-XX:TieredStopAtLevel=1") && !targets.contains("-Xmx"), targets);
        String version = launcher(dryRun, "--version").out();
        assertTrue(version.contains("-XX:TieredStopAtLevel=1") && version.contains("archive: none"), version);
        String serve = launcher(dryRun, "serve").out();
        assertFalse(serve.contains("TieredStopAtLevel") || serve.contains("-Xmx") || serve.contains("UseSerialGC"), serve);
        assertTrue(serve.contains("-jar " + JAR), serve);
    }

    @Test
    void version_andExplain_printWhatJavaJarPrints() throws Exception {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"explain", "0x904", "0x7"})) {
            Run ours = launcher(inDir("RDPCHECK_ARCHIVE", "off"), args);
            Run plain = javaJar(args);
            assertEquals(plain.exit(), ours.exit(), ours.err());
            assertEquals(plain.out(), ours.out());
        }
    }

    @Test
    void archiveThatDoesNotFit_isIgnoredSilently_jsonStaysClean() throws Exception {
        Matcher name = WOULD_RECORD.matcher(launcher(inDir("RDPCHECK_LAUNCHER", "dry-run"), "explain", "0x904").out());
        assertTrue(name.find(), "the launcher names the archive it looks for");
        Files.write(dir.resolve(name.group(1)), "not an archive, or one of another JVM".getBytes(StandardCharsets.UTF_8));
        assertTrue(launcher(inDir("RDPCHECK_LAUNCHER", "dry-run"), "explain", "0x904").out()
                .contains(dir.resolve(name.group(1)).toString()), "the launcher hands it to the JVM");
        try (LabHost host = LabHost.start("launcher-nla", LabHosts.windowsServer2019Nla())) {
            Run run = launcher(inDir(), "check", "--json", "--timeout", "10", host.target().input());
            assertTrue(run.exit() == 0 || run.exit() == 1, run.err());
            JsonNode node = ReportJson.mapper().readTree(run.out());
            assertEquals("completed", node.path("findings").path("credssp").path("status").asText(), run.out());
            assertEquals(1, run.out().strip().lines().count(), "stdout holds the JSON object alone: " + run.out());
        }
        assertEquals(javaJar("explain", "0x904").out(), launcher(inDir(), "explain", "0x904").out());
    }

    @Test
    void noArchive_shortCommandRecordsOneForTheNextRun() throws Exception {
        Matcher name = WOULD_RECORD.matcher(launcher(inDir("RDPCHECK_LAUNCHER", "dry-run"), "explain", "0x7").out());
        assertTrue(name.find());
        Run first = launcher(inDir(), "explain", "0x7");
        assertEquals(javaJar("explain", "0x7").out(), first.out());
        Path archive = dir.resolve(name.group(1));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.exists(archive) && System.nanoTime() < until) {
            Thread.sleep(500);
        }
        assertTrue(Files.exists(archive), "recorded in the background: " + archive);
        assertTrue(launcher(inDir("RDPCHECK_LAUNCHER", "dry-run"), "explain", "0x904").out().contains("archive: " + archive));
        assertEquals(javaJar("explain", "0x904").out(), launcher(inDir(), "explain", "0x904").out());
    }

    @Test
    void buildTimeArchive_isRecordedByPackage_andUsed() throws Exception {
        assumeFalse(Boolean.getBoolean("rdpcheck.archive.skip"), "package recorded no archive (-Drdpcheck.archive.skip)");
        String dryRun = launcher(Map.of("RDPCHECK_LAUNCHER", "dry-run"), "check", "rdp01").out();
        assertTrue(dryRun.contains("archive: " + JAR.getParent().resolve("cds")), dryRun);
        if (onPath("unzip")) {
            assertTrue(dryRun.contains("-Dorg.sqlite.lib.path=" + JAR.getParent().resolve("cds")), "SQLite's library beside it: " + dryRun);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
