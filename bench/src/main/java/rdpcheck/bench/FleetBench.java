package rdpcheck.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHost;

/**
 * (c) 1,000 lab hosts spread over 127.0.0.0/8, checked by the real command in a child JVM, twice
 * (a fresh JVM, as a user runs it; then the same JVM again, warm). The lab hosts live in this JVM,
 * so their CPU (the servers' TLS, CredSSP and MCS work) is measured apart from the checker's.
 */
final class FleetBench {

    static final int HOSTS = 1000;

    private final StringBuilder md;
    private final Summary summary;
    private final Map<String, ConnectionHandler> mix;
    private final Path work;
    private final String classpath;
    private final List<Variant> variants;
    private final int parallel;

    /**
     * One fleet run: how the checker JVM is started ({@code before}: JVM defaults, as {@code java -jar}
     * ran; otherwise the launcher's options for a fleet), with the async-profiler attached or not.
     */
    record Variant(String label, List<String> jvmFlags, boolean before, boolean profiled, Map<String, String> env) {
        Variant(String label, List<String> jvmFlags, boolean before, boolean profiled) {
            this(label, jvmFlags, before, profiled, Map.of());
        }
    }

    /** What the child reported about one round. */
    record Round(int exit, long lines, double seconds, double checkerCpu, double labCpu, long rssKb, long heapBytes, int threads) {
        double rate() {
            return lines / seconds;
        }
    }

    FleetBench(StringBuilder md, Summary summary, Map<String, ConnectionHandler> mix, Path work, String classpath,
               List<Variant> variants, int parallel) {
        this.md = md;
        this.summary = summary;
        this.mix = mix;
        this.work = work;
        this.classpath = classpath;
        this.variants = List.copyOf(variants);
        this.parallel = parallel;
    }

    /** 127.A.B.C, unique for i < 1000, never in 127.0.0.0/16 (other tests' and peers' home). */
    static InetAddress address(int i) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, (byte) (10 + i % 200), (byte) (i / 200), (byte) (1 + (i * 7) % 250)});
    }

    void run() throws Exception {
        List<LabHost> hosts = new ArrayList<>();
        List<String> names = new ArrayList<>(mix.keySet());
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder targets = new StringBuilder("# bench fleet: " + HOSTS + " lab hosts\n");
        try {
            for (int i = 0; i < HOSTS; i++) {
                // Mostly the first (healthy-looking) kind; every 25th host is one of the faulty kinds.
                String kind = i % 25 == 0 && names.size() > 1 ? names.get(1 + (i / 25) % (names.size() - 1)) : names.get(0);
                counts.merge(kind, 1, Integer::sum);
                LabHost host = LabHost.start(kind + "-" + i, address(i), 0, mix.get(kind));
                hosts.add(host);
                targets.append(host.target().input()).append('\n');
            }
            Path file = work.resolve("fleet-targets.txt");
            Files.writeString(file, targets, StandardCharsets.UTF_8);

            md.append("## (c) Fleet: ").append(HOSTS).append(" lab hosts over 127.0.0.0/8, `--parallel ").append(parallel)
                    .append("`\n\n");
            md.append("Hosts: ").append(counts).append(", each its own `LabHost` on its own 127.x.y.z address, served by the"
                    + " bench JVM. The checker is a child JVM running the real command `rdpcheck check --targets FILE --json"
                    + " --parallel ").append(parallel).append("` (JSON lines counted) twice: round 1 in a fresh JVM, as a user"
                    + " runs it; round 2 in the same JVM, warm. CPU is measured apart: the checker JVM's own, and the bench"
                    + " JVM's during the round (the lab servers: their TLS, CredSSP, MCS). Memory is the checker's peak RSS"
                    + " (VmHWM) and heap. Goal: ≥ 200 hosts/s under 512 MB, or, where the lab servers' own crypto is"
                    + " what limits it, the checker's CPU ≤ 8 ms per host.\n\n");
            md.append("| checker JVM | round | hosts | wall | hosts/s | checker CPU per host | lab servers' CPU per host"
                    + " | CPU-bound rate on 2 cores (checker + servers) | checker alone on 2 cores | peak RSS | peak heap | peak threads | load (1 min) |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            Map<String, List<Round>> byVariant = new HashMap<>();
            for (int v = 0; v < variants.size(); v++) {
                Variant variant = variants.get(v);
                String load = Proc.load();
                List<Round> rounds = child(file, variant, v);
                byVariant.put(variant.label(), rounds);
                for (int r = 0; r < rounds.size(); r++) {
                    Round round = rounds.get(r);
                    double checkerMs = round.checkerCpu() * 1000 / HOSTS;
                    double labMs = round.labCpu() * 1000 / HOSTS;
                    md.append(String.format(Locale.ROOT, "| %s | %d%s | %d | %.2f s | %.0f | %.1f ms | %.1f ms | %.0f hosts/s | %.0f hosts/s"
                                    + " | %.0f MB | %.0f MB | %d | %s |%n", variant.label(), r + 1, r == 0 ? " (fresh)" : " (warm)",
                            round.lines(), round.seconds(), round.rate(), checkerMs, labMs, 2000 / (checkerMs + labMs),
                            2000 / checkerMs, round.rssKb() / 1024.0, round.heapBytes() / 1048576.0, round.threads(), load));
                }
            }
            md.append('\n');
            for (int i = 0; i < variants.size(); i++) {
                Path collapsed = work.resolve("fleet-profile-" + i + ".collapsed");
                if (variants.get(i).profiled() && Files.exists(collapsed)) {
                    md.append("### Profile of the checker JVM (").append(variants.get(i).label())
                            .append(", both rounds; raw stacks: `bench/out/").append(collapsed.getFileName()).append("`)\n\n");
                    md.append(CollapsedProfile.table(collapsed)).append('\n');
                }
            }
            summarize(byVariant);
        } finally {
            hosts.forEach(LabHost::close);
        }
    }

    private void summarize(Map<String, List<Round>> byVariant) {
        Variant beforeVariant = variants.stream().filter(Variant::before).findFirst().orElse(null);
        Variant afterVariant = variants.stream().filter(v -> !v.before() && !v.profiled() && v.env().isEmpty()).findFirst()
                .orElse(null);
        if (beforeVariant == null || afterVariant == null) {
            return;
        }
        List<Round> before = byVariant.get(beforeVariant.label());
        List<Round> after = byVariant.get(afterVariant.label());
        Round freshBefore = before.get(0);
        Round freshAfter = after.get(0);
        double checkerMs = freshAfter.checkerCpu() * 1000 / HOSTS;
        double labMs = freshAfter.labCpu() * 1000 / HOSTS;
        boolean rateMet = freshAfter.rate() >= 200 && freshAfter.rssKb() < 512 * 1024 && freshAfter.lines() == HOSTS;
        boolean serversLimit = labMs > checkerMs && checkerMs <= 8;
        summary.add(new Summary.Row("fleet, " + HOSTS + " lab hosts, `--parallel " + parallel + "` (fresh JVM)",
                "≥ 200 hosts/s, < 512 MB", fleetText(freshBefore), fleetText(freshAfter),
                String.format(Locale.ROOT, "lab servers: %.1f ms CPU per host (before: %.1f)", labMs,
                        freshBefore.labCpu() * 1000 / HOSTS),
                rateMet ? Summary.verdict(true, "")
                        : Summary.verdict(serversLimit, serversLimit
                        ? String.format(Locale.ROOT, "rate missed; the servers' CPU (%.1f ms/host) outweighs the checker's (%.1f ms/host ≤ 8)",
                        labMs, checkerMs)
                        : String.format(Locale.ROOT, "%.0f hosts/s; checker %.1f ms/host", freshAfter.rate(), checkerMs)),
                Proc.load()));
        variants.stream().filter(v -> !v.env().isEmpty()).findFirst().ifPresent(quiet -> {
            Round off = byVariant.get(quiet.label()).get(0);
            summary.add(new Summary.Row("fleet, history off (`RDPCHECK_STORE_URL=none`, fresh JVM)", "(recording's share)", "-",
                    fleetText(off), String.format(Locale.ROOT, "recording costs the fleet %.1f ms CPU per host",
                            (freshAfter.checkerCpu() - off.checkerCpu()) * 1000 / HOSTS), "-", Proc.load()));
        });
        if (after.size() > 1) {
            Round warmBefore = before.size() > 1 ? before.get(1) : freshBefore;
            Round warmAfter = after.get(1);
            double warm = warmAfter.checkerCpu() * 1000 / HOSTS;
            summary.add(new Summary.Row("CPU per warm check, checker side (fleet round 2, same JVM)", "≤ 8 ms",
                    String.format(Locale.ROOT, "%.1f ms", warmBefore.checkerCpu() * 1000 / HOSTS),
                    String.format(Locale.ROOT, "%.1f ms", warm),
                    String.format(Locale.ROOT, "lab servers: %.1f ms per host", warmAfter.labCpu() * 1000 / HOSTS),
                    Summary.verdict(warm <= 8, ""), Proc.load()));
        }
    }

    private static String fleetText(Round round) {
        return String.format(Locale.ROOT, "%.0f hosts/s, %.0f MB RSS, checker %.1f ms CPU/host", round.rate(),
                round.rssKb() / 1024.0, round.checkerCpu() * 1000 / HOSTS);
    }

    private List<Round> child(Path targets, Variant variant, int index) throws Exception {
        List<String> command = new ArrayList<>(List.of(Launch.java(),
                "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", "/etc/hosts")));
        command.addAll(variant.jvmFlags());
        String profiler = System.getenv("RDPCHECK_BENCH_AP_LOADER");
        if (variant.profiled() && profiler != null) {
            Path collapsed = work.resolve("fleet-profile-" + index + ".collapsed");
            Files.deleteIfExists(collapsed);
            command.add("-javaagent:" + profiler + "=start,event=cpu,interval=1ms,collapsed,file=" + collapsed);
        }
        String jfr = System.getenv("RDPCHECK_BENCH_JFR");
        if (jfr != null) {
            // profiling aid: a flight recording of the checker, next to the bench JVM's own when that one has one
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr + "/fleet-child-" + index + ".jfr");
        }
        command.addAll(List.of("-cp", classpath, FleetChild.class.getName(), targets.toString(), Integer.toString(parallel), "2"));
        ProcessBuilder builder = new ProcessBuilder(command);
        // the bench's own switches are not rdpcheck settings (rdpcheck warns about unknown RDPCHECK_* variables)
        builder.environment().keySet().removeIf(name -> name.startsWith("RDPCHECK_BENCH_"));
        builder.environment().putAll(variant.env());
        builder.redirectErrorStream(true);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        Process process = builder.start();
        List<Round> rounds = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            long labCpu = os.getProcessCpuTime();
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("ROUND ")) {
                    labCpu = os.getProcessCpuTime(); // the child starts a round: the lab hosts' CPU counts from here
                } else if (line.startsWith("RESULT ")) {
                    double lab = (os.getProcessCpuTime() - labCpu) / 1e9;
                    Map<String, String> result = new HashMap<>();
                    for (String pair : line.substring(7).split(" ")) {
                        String[] kv = pair.split("=", 2);
                        result.put(kv[0], kv[1]);
                    }
                    rounds.add(new Round(Integer.parseInt(result.get("exit")), Long.parseLong(result.get("lines")),
                            Double.parseDouble(result.get("seconds")), Double.parseDouble(result.get("cpu_seconds")), lab,
                            Long.parseLong(result.get("vmhwm_kb")), Long.parseLong(result.get("heap_peak_bytes")),
                            Integer.parseInt(result.get("threads_peak"))));
                } else {
                    System.err.println("fleet child: " + line);
                }
            }
        }
        process.waitFor();
        return rounds;
    }
}
