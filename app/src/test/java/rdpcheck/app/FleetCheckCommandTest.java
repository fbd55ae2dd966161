package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.report.ReportJson;

/** {@code rdpcheck check} with several hosts, end to end against lab hosts on 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FleetCheckCommandTest {

    @TempDir
    Path dir;

    private final List<LabHost> hosts = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stopHosts() {
        hosts.forEach(LabHost::close);
    }

    private String start(String name) throws IOException {
        LabHost host = LabHost.start(name, LabHosts.nlaRequired());
        hosts.add(host);
        return host.target().input();
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private static boolean anyProblems(List<JsonNode> lines) {
        return lines.stream().anyMatch(line -> line.path("problems").asBoolean());
    }

    private List<JsonNode> jsonLines() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().lines().collect(Collectors.toList())) {
            nodes.add(ReportJson.mapper().readTree(line));
        }
        return nodes;
    }

    @Test
    void fleet_moreHostsThanFleetMaxTargets_refusedExit2() throws IOException {
        Path config = dir.resolve("rdpcheck.yaml");
        Files.writeString(config, "fleet:\n  max_targets: 2\n", StandardCharsets.UTF_8);

        int code = run("check", "--config", config.toString(), "--no-progress", "10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("2"), err.toString());
        assertEquals("", out.toString(), "nothing was checked");
    }

    @Test
    void targetsFile_badLines_exit2AndNameTheLines() throws IOException {
        Path file = dir.resolve("hosts.txt");
        Files.writeString(file, "# farm\n127.0.0.1:3389\nnot a host\n\n127.0.0.1:0\n", StandardCharsets.UTF_8);

        int code = run("check", "--targets", file.toString(), "--no-progress");

        assertEquals(2, code);
        assertEquals("", out.toString());
        assertTrue(err.toString().contains(file + ":3: 'not a host': "), err.toString());
        assertTrue(err.toString().contains(file + ":5: '127.0.0.1:0': port 0 is out of range"), err.toString());
    }

    @Test
    void targetsFile_missing_exit2() {
        int code = run("check", "--targets", dir.resolve("nope.txt").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("no such file"), err.toString());
    }

    @Test
    void hosts_overTheLimit_exit2() {
        int code = run("check", "--max-hosts", "2", "10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertEquals(2, code);
        assertTrue(err.toString().contains("3 hosts given; the limit is 2 (--max-hosts 2"), err.toString());
    }

    @Test
    void parallel_outOfRange_exit2() {
        assertEquals(2, run("check", "--parallel", "0", "10.0.0.1", "10.0.0.2"));
        assertTrue(err.toString().contains("--parallel must be 1 to 256"), err.toString());
    }

    @Test
    void json_severalHosts_oneLinePerHostInOrder_exitFollowsProblems() throws IOException {
        String a = start("a");
        String b = start("b");
        Path file = dir.resolve("hosts.txt");
        Files.writeString(file, b + "   # second host, listed first\n" + a + "\n", StandardCharsets.UTF_8);

        int code = run("check", "--json", "--no-progress", "--timeout", "5", "--targets", file.toString(), a);

        List<JsonNode> lines = jsonLines();
        assertEquals(List.of(a, b), lines.stream().map(n -> n.path("target").path("input").asText()).collect(Collectors.toList()),
                "arguments first, duplicates once");
        assertTrue(lines.stream().allMatch(n -> n.has("diagnoses") && n.has("findings") && n.has("timings")));
        assertEquals(anyProblems(lines) ? 1 : 0, code);
        assertEquals("", err.toString(), "no progress bar when asked for none");
    }

    @Test
    void text_severalHosts_summaryTableThenReports() throws IOException {
        String a = start("a");
        String b = start("b");

        int code = run("check", "--no-progress", "--no-color", "--timeout", "5", "--details", "ALL", a, b);

        String text = out.toString();
        assertTrue(text.startsWith("2 hosts checked in "), text);
        assertTrue(text.contains("HOST") && text.contains("ROOT CAUSE") && text.contains("VERDICT"), text);
        assertTrue(text.contains("== "), text);
        assertTrue(text.contains(a) && text.contains(b), text);
        assertTrue(code == 0 || code == 1, "exit " + code);
    }

    @Test
    void closedPort_inAFleet_groupedUnderTcpRefused_exit1() throws IOException {
        String a = start("a");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String closed = "127.0.0.1:" + port;

        int code = run("check", "--no-progress", "--no-color", "--timeout", "5", "--details", "NONE", a, closed);

        assertEquals(1, code, out.toString());
        List<String> lines = out.toString().lines().collect(Collectors.toList());
        int group = lines.indexOf("-- tcp.refused (critical): 1 host");
        assertTrue(group > 0, out.toString());
        assertTrue(lines.get(group + 1).startsWith(closed + " "), lines.get(group + 1));
        assertTrue(lines.get(group + 1).contains("tcp.refused"), lines.get(group + 1));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("=== ")), "--details NONE prints no reports");
    }

    @Test
    void progress_forced_drawsOnStderrOnly() throws IOException {
        String a = start("a");
        String b = start("b");

        run("check", "--progress", "--json", "--timeout", "5", a, b);

        assertTrue(err.toString().contains("/2 hosts"), err.toString());
        assertTrue(!out.toString().contains("\r"), "stdout stays clean JSON");
        assertEquals(2, jsonLines().size());
    }
}
