package rdpcheck.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * (d) Side by side with nmap's RDP scripts and sslscan --rdp against the real servers of
 * /work/shared/peers (xrdp, FreeRDP shadow): wall time of each tool and what it reported.
 */
final class ToolsBench {

    record Peer(String condition, int port) {
    }

    record ToolRun(String tool, double seconds, int exit, String output) {
    }

    static final List<Peer> PEERS = List.of(new Peer("healthy", 33890), new Peer("expired", 33892),
            new Peer("rdponly", 33894), new Peer("nla", 33896));

    private final StringBuilder md;
    private final Path peersDir;
    private final Path jar;
    private final Path work;

    ToolsBench(StringBuilder md, Path peersDir, Path jar, Path work) {
        this.md = md;
        this.peersDir = peersDir;
        this.jar = jar;
        this.work = work;
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket(java.net.Proxy.NO_PROXY)) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void run() throws Exception {
        md.append("## (d) Side by side with nmap and sslscan against real servers\n\n");
        md.append("Servers from `/work/shared/peers` on 127.0.0.1 (xrdp 0.9.21, FreeRDP 2.11 shadow). Commands:\n\n"
                + "- nmap: `nmap -n -Pn -p PORT --script +rdp-enum-encryption,+rdp-ntlm-info 127.0.0.1`\n"
                + "- sslscan: `sslscan --rdp --no-colour 127.0.0.1:PORT`\n"
                + "- rdpcheck: `java -jar app/target/rdpcheck.jar check 127.0.0.1:PORT --json` (wall includes JVM start;"
                + " the in-process check time is the report's `timings.total`)\n\n");
        List<String> started = new ArrayList<>();
        try {
            md.append("| server | nmap | sslscan | rdpcheck (CLI, with JVM start) | rdpcheck check itself | ratio nmap / rdpcheck CLI | ratio sslscan / rdpcheck CLI |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            StringBuilder found = new StringBuilder();
            for (Peer peer : PEERS) {
                if (!listening(peer.port())) {
                    ToolRun start = exec(List.of("bash", peersDir.resolve("start-" + peer.condition() + ".sh").toString()), 60);
                    if (start.exit() != 0 || !listening(peer.port())) {
                        md.append("| ").append(peer.condition()).append(" | could not start: ")
                                .append(start.output().lines().reduce((a, b) -> b).orElse("").replace('|', '/')).append(" |||||\n");
                        continue;
                    }
                    started.add(peer.condition());
                }
                String port = Integer.toString(peer.port());
                exec(List.of("java", "-jar", jar.toString(), "check", "127.0.0.1:" + port, "--json"), 60); // warm the page cache
                ToolRun nmap = exec(List.of("nmap", "-n", "-Pn", "-p", port, "--script", "+rdp-enum-encryption,+rdp-ntlm-info",
                        "127.0.0.1"), 300);
                ToolRun sslscan = exec(List.of("sslscan", "--rdp", "--no-colour", "127.0.0.1:" + port), 300);
                ToolRun ours = exec(List.of("java", "-jar", jar.toString(), "check", "127.0.0.1:" + port, "--json"), 120);
                String total = match(ours.output(), "\"total\":([0-9.]+)");
                double totalMs = total.isEmpty() ? Double.NaN : Double.parseDouble(total);
                md.append(String.format(Locale.ROOT, "| %s :%d | %.2f s | %.2f s | %.2f s | %s | %.2fx | %.2fx |%n", peer.condition(),
                        peer.port(), nmap.seconds(), sslscan.seconds(), ours.seconds(), Stats.ms(totalMs),
                        nmap.seconds() / ours.seconds(), sslscan.seconds() / ours.seconds()));
                found.append("### ").append(peer.condition()).append(" (127.0.0.1:").append(port).append(")\n\n");
                found.append("- **nmap** (exit ").append(nmap.exit()).append("):\n\n```\n").append(nmapFindings(nmap.output()))
                        .append("\n```\n");
                found.append("- **sslscan** (exit ").append(sslscan.exit()).append("):\n\n```\n")
                        .append(sslscanFindings(sslscan.output())).append("\n```\n");
                found.append("- **rdpcheck** (exit ").append(ours.exit()).append("): ").append(rdpcheckFindings(ours.output()))
                        .append("\n\n");
                Files.writeString(work.resolve("tools-" + peer.condition() + ".txt"), "== nmap\n" + nmap.output()
                        + "\n== sslscan\n" + sslscan.output() + "\n== rdpcheck\n" + ours.output(), StandardCharsets.UTF_8);
            }
            md.append("\nWhat each reported (raw outputs: `bench/out/tools-*.txt`):\n\n").append(found);
        } finally {
            if (!started.isEmpty()) {
                List<String> stop = new ArrayList<>(List.of("bash", peersDir.resolve("stop.sh").toString()));
                stop.addAll(started);
                exec(stop, 60);
            }
        }
    }

    static String nmapFindings(String output) {
        return output.lines().filter(l -> l.startsWith("|") || l.matches("^\\d+/tcp.*"))
                .collect(Collectors.joining("\n"));
    }

    static String sslscanFindings(String output) {
        return output.lines().map(String::strip)
                .filter(l -> l.matches("^(SSLv\\d|TLSv1\\.\\d)\\s+(enabled|disabled).*") || l.startsWith("Subject:")
                        || l.startsWith("Issuer:") || l.startsWith("Not valid") || l.startsWith("Preferred")
                        || l.startsWith("ERROR") || l.startsWith("Connection refused")
                        || l.startsWith("Signature Algorithm:") || l.startsWith("RSA Key Strength:"))
                .limit(25).collect(Collectors.joining("\n"));
    }

    static String rdpcheckFindings(String json) {
        String verdict = match(json, "\"verdict\":\"((?:[^\"\\\\]|\\\\.)*)\"");
        Matcher ids = Pattern.compile("\\{\"id\":\"([a-z.-]+)\",\"severity\":\"([A-Z]+)\"").matcher(json);
        List<String> found = new ArrayList<>();
        while (ids.find()) {
            found.add("`" + ids.group(1) + "` (" + ids.group(2).toLowerCase(Locale.ROOT) + ")");
        }
        return "verdict \"" + verdict + "\"; diagnoses " + String.join(", ", found);
    }

    static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "";
    }

    static ToolRun exec(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new ToolRun(command.get(0), seconds, process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
