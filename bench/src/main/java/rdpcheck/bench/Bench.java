package rdpcheck.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHosts;

/**
 * The benchmarks of issues 7 and 19, run by {@code bench/run.sh}: writes {@code bench/RESULTS.md},
 * the table first. Sections (argument {@code --only}, default {@code s,p,c,a}): s short
 * commands, p real servers beside nmap, sslscan and xfreerdp, c the 1,000-host fleet, a (one check
 * against the protocol floor through a delay relay); and on request b (chat acknowledgement), cpu
 * (a check's CPU probe by probe), e (what the udp probe adds),
 * f (the history store: what recording costs), g (what the RD Gateway probes add), r (replicas on one
 * PostgreSQL: failover after kill -9, the shared-answer lookup). {@code --quick}: fewer repetitions, no valgrind, for trying.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        Set<String> only = Set.of("s", "p", "c", "a");
        boolean quick = false;
        Path root = Path.of(".").toAbsolutePath().normalize();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--only")) {
                only = Set.of(args[++i].split(","));
            } else if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--root")) {
                root = Path.of(args[++i]);
            }
        }
        Path work = root.resolve("bench/out");
        Files.createDirectories(work);
        String classpath = System.getProperty("java.class.path");
        long started = System.nanoTime();
        String loadAtStart = Files.readString(Path.of("/proc/loadavg")).strip();

        Summary summary = new Summary();
        StringBuilder md = new StringBuilder();
        if (only.contains("s")) {
            new StartupBench(md, summary, root, quick).run();
            flush(root, md);
        }
        if (only.contains("p")) {
            new ToolsBench(md, summary, Path.of(System.getenv().getOrDefault("RDPCHECK_BENCH_PEERS", "/work/shared/peers")),
                    Launch.all(root).get(Launch.all(root).size() - 1), work, quick).run();
            flush(root, md);
        }
        if (only.contains("c")) {
            Map<String, ConnectionHandler> mix = new LinkedHashMap<>();
            mix.put("windows-2019-nla", LabHosts.windowsServer2019Nla());
            mix.put("expired-self-signed", LabHosts.expiredSelfSigned());
            mix.put("rdp-only", LabHosts.rdpOnly());
            mix.put("credssp-unpatched", LabHosts.credSspUnpatched());
            String childClasspath = root.resolve("app/target/rdpcheck.jar") + java.io.File.pathSeparator
                    + root.resolve("bench/target/classes");
            new FleetBench(md, summary, mix, work, childClasspath, fleetVariants(root), fleetParallel()).run();
            flush(root, md);
        }
        if (only.contains("a")) {
            new SingleCheckBench(md, LabHosts.windowsServer2019Nla(), "LabHosts.windowsServer2019Nla()", quick).run();
            flush(root, md);
        }
        if (only.contains("b")) {
            new ChatAckBench(md, LabHosts.windowsServer2019Nla(), quick).run();
            flush(root, md);
        }
        if (only.contains("cpu")) {
            new CpuBreakdown(md, LabHosts.windowsServer2019Nla(), "LabHosts.windowsServer2019Nla()", quick).run();
            flush(root, md);
        }
        if (only.contains("g")) {
            new GatewayBench(md, LabHosts.windowsServer2019Nla(), "LabHosts.windowsServer2019Nla()", quick).run();
            flush(root, md);
        }
        if (only.contains("e")) {
            new UdpCostBench(md, quick).run();
            flush(root, md);
        }
        if (only.contains("f")) {
            new StoreBench(md, work, quick).run();
            flush(root, md);
        }
        if (only.contains("r")) {
            new ReplicaBench(md, work, quick).run();
            flush(root, md);
        }

        StringBuilder head = new StringBuilder();
        head.append("# rdpcheck benchmarks\n\n");
        head.append("Written by `bench/run.sh` (one command: builds, records the launcher's archive, starts the real servers"
                + " and lab hosts, runs `rdpcheck.bench.Bench` from bench/src). Every figure below is from this one run.\n\n");
        head.append("- Date: ").append(Instant.now()).append(String.format(Locale.ROOT, "; the run took %.0f s%n",
                (System.nanoTime() - started) / 1e9));
        head.append("- Machine: ").append(machine()).append('\n');
        head.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(" (").append(System.getProperty("java.home")).append(")\n");
        head.append("- Commit: ").append(Proc.run(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"), 10)
                .out().strip()).append('\n');
        head.append("- Load average at start: ").append(loadAtStart).append("; at the end: ")
                .append(Files.readString(Path.of("/proc/loadavg")).strip())
                .append(" (wall times carry other work on this machine; CPU times and instruction counts much less)\n");
        head.append(System.getenv("RDPCHECK_BENCH_NETNS") != null ? "- Network: a namespace of its own (" + System.getenv("RDPCHECK_BENCH_NETNS")
                + "): the real servers, lab hosts and closed ports are this run's alone\n" : "- Network: the machine's loopback\n");
        double load = Double.parseDouble(loadAtStart.split(" ")[0]);
        if (load >= 1.0) {
            head.append(String.format(Locale.ROOT, "- **Under load**: the 1-minute load average was %.2f at the start on %d"
                    + " cores: other work shared the machine, so these wall times are higher than a quiet machine's (CPU"
                    + " times and instruction counts much less so)%n", load, Runtime.getRuntime().availableProcessors()));
        }
        head.append("- Where a goal is missed, what holds it and what would take it further: bench/LIMITS.md (by hand)\n");
        head.append(quick ? "- **Quick mode**: fewer repetitions, no instruction counts.\n\n" : "\n");
        head.append("## The issue's table (issue 19)\n\n").append(summary.table()).append('\n');
        md.insert(0, head);
        Path results = quick ? work.resolve("RESULTS.quick.md") : root.resolve("bench/RESULTS.md");
        Files.writeString(results, md, StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("written: " + results);
        System.exit(0);
    }

    private static int fleetParallel() {
        return Integer.parseInt(System.getenv().getOrDefault("RDPCHECK_BENCH_PARALLEL", "16").trim());
    }

    /**
     * The checker JVM as {@code java -jar} started it (the JVM's defaults), then as the launcher starts a
     * fleet (its options, from its dry run: C1 only, the archive), then that again with the profiler.
     */
    private static List<FleetBench.Variant> fleetVariants(Path root) throws Exception {
        List<FleetBench.Variant> variants = new ArrayList<>();
        variants.add(new FleetBench.Variant("`java -jar` (JVM defaults)", List.of(), true, false));
        List<String> launcher = Launch.launcherOptions(root, "check", "--targets", "FILE").orElse(List.of());
        variants.add(new FleetBench.Variant("`bin/rdpcheck` (" + String.join(" ", launcher.stream()
                .filter(o -> !o.startsWith("-XX:SharedArchiveFile") && !o.startsWith("-XX:AOTCache")).toList()) + ", archive)",
                launcher, false, false));
        variants.add(new FleetBench.Variant("`bin/rdpcheck`, history off", launcher, false, false,
                Map.of("RDPCHECK_STORE_URL", "none")));
        if (System.getenv("RDPCHECK_BENCH_AP_LOADER") != null) {
            variants.add(new FleetBench.Variant("`bin/rdpcheck`, profiled", launcher, false, true));
        }
        return variants;
    }

    private static void flush(Path root, StringBuilder md) throws Exception {
        Files.writeString(root.resolve("bench/out/RESULTS.partial.md"), md, StandardCharsets.UTF_8);
    }

    private static String machine() throws Exception {
        String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), " + mem + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
