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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * (p) Side by side with nmap's RDP scripts, sslscan --rdp and xfreerdp against the real servers of
 * /work/shared/peers (xrdp, FreeRDP shadow): wall and CPU of each tool and what it reported.
 */
final class ToolsBench {

    /** A condition of /work/shared/peers; {@code inSummary}: the table has a row for it. */
    record Peer(String condition, int port, String server, boolean inSummary) {
    }

    static final List<Peer> PEERS = List.of(new Peer("healthy", 33890, "xrdp, TLS", true),
            new Peer("nla", 33896, "FreeRDP shadow, NLA", true), new Peer("expired", 33892, "xrdp, expired cert", false),
            new Peer("rdponly", 33894, "xrdp, RDP security only", false));

    private final StringBuilder md;
    private final Summary summary;
    private final Path peersDir;
    private final Launch launcher;
    private final Path work;
    private final boolean quick;

    ToolsBench(StringBuilder md, Summary summary, Path peersDir, Launch launcher, Path work, boolean quick) {
        this.md = md;
        this.summary = summary;
        this.peersDir = peersDir;
        this.launcher = launcher;
        this.work = work;
        this.quick = quick;
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
        int runs = quick ? 1 : 3;
        md.append("## (p) Real servers: rdpcheck beside nmap, sslscan and xfreerdp\n\n");
        md.append("Servers from `/work/shared/peers` on 127.0.0.1 (xrdp 0.9.21, FreeRDP 2.11 shadow), each tool ").append(runs)
                .append(runs == 1 ? " time" : " times, medians").append("; CPU is user + system of the tool's processes. Commands:\n\n"
                + "- rdpcheck: `bin/rdpcheck check 127.0.0.1:PORT --json` (whole process; the check itself is the report's"
                + " `timings.total`)\n"
                + "- nmap: `nmap -n -Pn -p PORT --script +rdp-enum-encryption,+rdp-ntlm-info 127.0.0.1`\n"
                + "- sslscan: `sslscan --rdp --no-colour 127.0.0.1:PORT`\n"
                + "- xfreerdp: `xfreerdp /v:127.0.0.1:PORT +auth-only /u:rdptest /d:TESTDOM /p:… /cert:ignore` on a virtual X"
                + " display, a fresh HOME each run (FreeRDP's own connection up to authentication)\n\n"
                + "Goal (issue 19): rdpcheck's wall ≤ 1.0 s, and ≤ 0.25 of nmap's and sslscan's together.\n\n");
        md.append("| server | rdpcheck: wall / CPU / check itself | nmap | sslscan | xfreerdp | rdpcheck / (nmap + sslscan), wall"
                + " | rdpcheck / xfreerdp, wall | load (1 min) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        Optional<Xvfb> display = Xvfb.start();
        List<String> started = new ArrayList<>();
        String profile = "";
        try {
            StringBuilder found = new StringBuilder();
            for (Peer peer : PEERS) {
                if (!listening(peer.port())) {
                    Proc.Run start = Proc.run(List.of("bash", peersDir.resolve("start-" + peer.condition() + ".sh").toString()), 60);
                    if (start.exit() != 0 || !listening(peer.port())) {
                        md.append("| ").append(peer.condition()).append(" | could not start (exit ").append(start.exit())
                                .append(") |||||||\n");
                        continue;
                    }
                    started.add(peer.condition());
                }
                String port = Integer.toString(peer.port());
                String target = "127.0.0.1:" + port;
                String load = Proc.load();
                List<Proc.Run> ours = new ArrayList<>();
                List<Proc.Run> nmap = new ArrayList<>();
                List<Proc.Run> sslscan = new ArrayList<>();
                List<Proc.Run> xfreerdp = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    ours.add(Proc.run(launcher.command("check", target, "--json"), 120));
                    nmap.add(Proc.run(List.of("nmap", "-n", "-Pn", "-p", port, "--script", "+rdp-enum-encryption,+rdp-ntlm-info",
                            "127.0.0.1"), 300));
                    sslscan.add(Proc.run(List.of("sslscan", "--rdp", "--no-colour", target), 300));
                    if (display.isPresent()) {
                        xfreerdp.add(display.get().xfreerdp(target));
                    }
                }
                Stats oursWall = wall(ours);
                double checkItself = Stats.of(ours.stream().map(r -> match(r.out(), "\"total\":([0-9.]+)"))
                        .filter(t -> !t.isEmpty()).map(Double::parseDouble).toList()).median();
                double toolsWall = wall(nmap).median() + wall(sslscan).median();
                double ratio = oursWall.median() / toolsWall;
                String xfreerdpText = xfreerdp.isEmpty() ? "(no Xvfb/xfreerdp)" : brief(xfreerdp);
                String xRatio = xfreerdp.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2fx", oursWall.median() / wall(xfreerdp).median());
                md.append(String.format(Locale.ROOT, "| %s %s | %s / %s / %s | %s | %s | %s | %.2fx | %s | %s |%n",
                        peer.server(), target, Proc.seconds(oursWall.median()), Proc.seconds(cpu(ours).median()),
                        Stats.ms(checkItself), brief(nmap), brief(sslscan), xfreerdpText, ratio, xRatio, load));
                if (peer.inSummary()) {
                    summary.add(new Summary.Row("`check` of " + peer.server() + " (" + target + ")",
                            "≤ 1.0 s; ≤ 0.25 of nmap + sslscan", "-", String.format(Locale.ROOT, "%s wall, %s CPU (check itself %s)",
                                    Proc.seconds(oursWall.median()), Proc.seconds(cpu(ours).median()), Stats.ms(checkItself)),
                            "nmap " + brief(nmap) + "; sslscan " + brief(sslscan) + "; xfreerdp " + xfreerdpText,
                            Summary.verdict(oursWall.median() <= 1.0 && ratio <= 0.25,
                                    String.format(Locale.ROOT, "%.2fx of nmap + sslscan, %s xfreerdp", ratio, xRatio)), load));
                }
                if (peer.condition().equals("nla")) {
                    profile = StartupProfile.table(launcher.javaCommand("check", target, "--json"), Map.of(), quick ? 2 : 5,
                            work.resolve("profile-check-nla.collapsed"), "`bin/rdpcheck check " + target + " --json` (FreeRDP"
                                    + " shadow, NLA), whole process").orElse("");
                }
                Proc.Run last = ours.get(ours.size() - 1);
                found.append("### ").append(peer.condition()).append(" (").append(target).append(")\n\n");
                found.append("- **nmap** (exit ").append(nmap.get(0).exit()).append("):\n\n```\n")
                        .append(nmapFindings(nmap.get(0).out())).append("\n```\n");
                found.append("- **sslscan** (exit ").append(sslscan.get(0).exit()).append("):\n\n```\n")
                        .append(sslscanFindings(sslscan.get(0).out())).append("\n```\n");
                if (!xfreerdp.isEmpty()) {
                    found.append("- **xfreerdp** (exit ").append(xfreerdp.get(0).exit()).append(")\n");
                }
                found.append("- **rdpcheck** (exit ").append(last.exit()).append("): ").append(rdpcheckFindings(last.out()))
                        .append("\n\n");
                Files.writeString(work.resolve("tools-" + peer.condition() + ".txt"), "== nmap\n" + nmap.get(0).out()
                        + "\n== sslscan\n" + sslscan.get(0).out() + "\n== rdpcheck\n" + last.out(), StandardCharsets.UTF_8);
            }
            md.append('\n').append(profile);
            md.append("\nWhat each reported (raw outputs: `bench/out/tools-*.txt`):\n\n").append(found);
        } finally {
            display.ifPresent(Xvfb::close);
            if (!started.isEmpty()) {
                List<String> stop = new ArrayList<>(List.of("bash", peersDir.resolve("stop.sh").toString()));
                stop.addAll(started);
                Proc.run(stop, 60);
            }
        }
    }

    private static Stats wall(List<Proc.Run> runs) {
        return Stats.of(runs.stream().map(Proc.Run::wall).toList());
    }

    private static Stats cpu(List<Proc.Run> runs) {
        return Stats.of(runs.stream().map(Proc.Run::cpu).toList());
    }

    private static String brief(List<Proc.Run> runs) {
        return Proc.seconds(wall(runs).median()) + " / " + Proc.seconds(cpu(runs).median()) + " CPU";
    }

    /** A virtual X display for xfreerdp (it needs one even with +auth-only), started once for the section. */
    record Xvfb(Process process, String display) implements AutoCloseable {

        static Optional<Xvfb> start() throws IOException, InterruptedException {
            if (!Proc.onPath("Xvfb") || !Proc.onPath("xfreerdp")) {
                return Optional.empty();
            }
            String display = ":" + (90 + (int) (ProcessHandle.current().pid() % 9));
            Process process = new ProcessBuilder("Xvfb", display, "-nolisten", "tcp").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(1000);
            return process.isAlive() ? Optional.of(new Xvfb(process, display)) : Optional.empty();
        }

        Proc.Run xfreerdp(String target) throws IOException, InterruptedException {
            Path home = Files.createTempDirectory("rdpcheck-bench-xfreerdp");
            try {
                return Proc.run(List.of("xfreerdp", "/v:" + target, "+auth-only", "/u:rdptest", "/d:TESTDOM", "/p:Passw0rd!",
                        "/cert:ignore"), java.util.Map.of("DISPLAY", display, "HOME", home.toString()), 60);
            } finally {
                try (var files = Files.walk(home)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }

        @Override
        public void close() {
            process.destroy();
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

}
