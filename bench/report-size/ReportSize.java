import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import rdpcheck.lab.*;

/**
 * How long the report is: terminal lines (and widest line) per demo host and per shared peer,
 * the verdict's length, and the lines a 50-line targets file prints. Runs the real CLI
 * (java -jar JAR check ...) against in-process lab hosts, as a user would; chat sizes come from
 * ChatSize (compiled against the same jar), so the figures before and after are the same measure.
 * Usage: java -cp JAR ReportSize.java JAR [--peers]
 */
public class ReportSize {
    record Demo(String name, Supplier<ConnectionHandler> handler) { }

    static final List<Demo> DEMO = List.of(
            new Demo("healthy", LabHosts::healthy),
            new Demo("expired-cert", LabHosts::expiredSelfSigned),
            new Demo("nla-required", LabHosts::windowsServer2019Nla),
            new Demo("tls10-only", LabHosts::tls10Only),
            new Demo("rdp-security-only", LabHosts::rdpOnly),
            new Demo("silent", Misbehaviours::silent),
            new Demo("http", LabHosts::http));

    static final Map<String, Integer> PEERS = new LinkedHashMap<>(Map.of(
            "healthy", 33890, "expired", 33892, "rdponly", 33894, "nla", 33896, "silent", 33898, "closed", 33900));

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        boolean peers = Arrays.asList(args).contains("--peers");
        List<LabHost> started = new ArrayList<>();
        try {
            System.out.printf("%-20s %6s %6s %8s %8s%n", "demo host (100 cols)", "lines", "width", "verbose", "verdict");
            for (Demo demo : DEMO) {
                LabHost host = LabHost.start(demo.name(), demo.handler().get());
                started.add(host);
                String target = "127.0.0.1:" + host.port();
                row(demo.name(), jar, target);
            }
            if (peers) {
                for (Map.Entry<String, Integer> peer : PEERS.entrySet()) {
                    row("peer " + peer.getKey(), jar, "127.0.0.1:" + peer.getValue());
                }
            }
            // 50 targets: 25 refused ports (distinct), 25 demo hosts round robin
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                    lines.add("127.0.0.1:" + s.getLocalPort());
                }
            }
            for (int i = 0; i < 25; i++) {
                lines.add("127.0.0." + (1) + ":" + started.get(i % started.size()).port() + (i >= started.size() ? "" : ""));
            }
            // distinct targets for repeated demo hosts: use 127.0.0.x? lab hosts listen on 127.0.0.1 only, so repeats
            // of the same target are kept as the user wrote them.
            Path file = Files.createTempFile("targets", ".txt");
            Files.write(file, lines);
            List<String> out = run(jar, "check", "--targets", file.toString(), "--no-color");
            System.out.printf("fleet of 50 targets: %d lines, widest %d%n", out.size(), width(out));
            Files.delete(file);
        } finally {
            started.forEach(LabHost::close);
        }
    }

    static void row(String name, String jar, String target) throws Exception {
        List<String> plain = run(jar, "check", target, "--no-color");
        List<String> verbose = new ArrayList<>();
        try {
            verbose = run(jar, "check", target, "--no-color", "--verbose");
        } catch (IOException e) {
            verbose = List.of();
        }
        JsonNode json = new ObjectMapper().readTree(String.join("\n", run(jar, "check", target, "--json")));
        int verdict = json.path("verdict").asText().length();
        System.out.printf("%-20s %6d %6d %8s %8d%n", name, plain.size(), width(plain),
                verbose.isEmpty() ? "-" : String.valueOf(verbose.size()), verdict);
        if (System.getenv("REPORT_SIZE_SHOW") != null) {
            plain.forEach(l -> System.out.println("    | " + l));
        }
    }

    static int width(List<String> lines) {
        return lines.stream().mapToInt(String::length).max().orElse(0);
    }

    static List<String> run(String jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("COLUMNS", "100");
        Process process = builder.start();
        byte[] bytes = process.getInputStream().readAllBytes();
        int rc = process.waitFor();
        if (rc > 1) {
            throw new IOException("exit " + rc + " for " + command);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
